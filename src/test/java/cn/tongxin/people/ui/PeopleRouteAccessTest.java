package cn.tongxin.people.ui;

import cn.tongxin.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may open which people screen (the services refuse anyway; the routes keep the menu honest). */
class PeopleRouteAccessTest extends ViewTest {

    @Test
    @WithUserDetails("trainee")
    void a_trainee_opens_only_their_own_record() {
        assertThat(navigate(MyRecordView.class)).isInstanceOf(MyRecordView.class);
        assertThatThrownBy(() -> navigate(PeopleListView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> navigate(PersonFormView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> navigate(RosterImportView.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @WithUserDetails("checker")
    void a_checker_reads_the_list_but_may_not_add_or_import() {
        assertThat(navigate(PeopleListView.class)).isInstanceOf(PeopleListView.class);
        assertThatThrownBy(() -> navigate(PersonFormView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> navigate(RosterImportView.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @WithUserDetails("qingzhou")
    void an_organizer_opens_the_list_the_form_and_the_import() {
        assertThat(navigate(PeopleListView.class)).isInstanceOf(PeopleListView.class);
        assertThat(navigate(PersonFormView.class)).isInstanceOf(PersonFormView.class);
        assertThat(navigate(RosterImportView.class)).isInstanceOf(RosterImportView.class);
    }
}
