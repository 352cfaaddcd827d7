package cn.tongxin.people.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.Rosters;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

class PersonDetailViewTest extends ViewTest {

    @Autowired
    PersonService people;
    @Autowired
    UnitService units;
    @Autowired
    ReferenceDataService reference;

    long yunzhouPerson;
    String name;

    @BeforeEach
    void a_person_of_yunzhou() {
        name = Rosters.unique("详情");
        yunzhouPerson = Rosters.newPerson(people, reference, name, Rosters.unit(units, "云溪区委统战部").id());
    }

    @Test
    @WithUserDetails("admin")
    void admin_sees_the_masked_number_and_may_show_it_whole() {
        navigate("people/" + yunzhouPerson, PersonDetailView.class);
        assertThat($(H3.class).id("person-name").getText()).isEqualTo(name);
        Span number = $(Span.class).id("person-id-card");
        assertThat(number.getText()).contains("********");

        test($(Button.class).id("person-reveal")).click();

        assertThat(number.getText()).hasSize(18).doesNotContain("*");
        assertThat($(Button.class).withId("person-reveal").all()).as("hidden once used").isEmpty();
    }

    @Test
    @WithUserDetails("organizer")
    void organizer_sees_the_record_and_an_edit_button_but_no_reveal() {
        navigate("people/" + yunzhouPerson, PersonDetailView.class);
        assertThat($(H3.class).id("person-name").getText()).isEqualTo(name);
        assertThat($(Button.class).withId("person-reveal").all()).isEmpty();
        test($(Button.class).id("person-edit")).click();
        assertThat(getCurrentView()).isInstanceOf(PersonFormView.class);
    }

    @Test
    @WithUserDetails("checker")
    void a_checker_opens_the_persons_study_archive_from_the_record() {
        navigate("people/" + yunzhouPerson, PersonDetailView.class);
        test($(Button.class).id("person-archive")).click();
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("PersonArchiveView");
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_city_organizer_gets_not_found_for_another_citys_person() {
        navigate("people/" + yunzhouPerson, PersonDetailView.class);
        assertThat($(EmptyState.class).id("person-unavailable").isVisible()).isTrue();
        assertThat($(H3.class).withId("person-name").all()).isEmpty();
    }

    @Test
    @WithUserDetails("trainee")
    void a_trainee_gets_not_found_for_someone_else_and_sees_their_own_record() {
        navigate("people/" + yunzhouPerson, PersonDetailView.class);
        assertThat($(EmptyState.class).id("person-unavailable").isVisible()).isTrue();

        navigate(MyRecordView.class);
        assertThat($(Span.class).id("person-account").getText()).isEqualTo("trainee");
        assertThat($(Span.class).id("person-id-card").getText()).contains("********");
        assertThat($(Button.class).withId("person-reveal").all()).isEmpty();
    }

    @Test
    @WithUserDetails("organizer")
    void an_account_without_a_person_record_is_told_so() {
        navigate(MyRecordView.class);
        assertThat($(EmptyState.class).id("my-record-none").isVisible()).isTrue();
    }
}
