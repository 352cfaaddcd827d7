package cn.tongxin.rotation.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.Rosters;
import cn.tongxin.rotation.Candidate;
import cn.tongxin.rotation.EnrollmentRow;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.Fixtures;
import cn.tongxin.people.PersonOption;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.data.provider.Query;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Two people of one name are told apart wherever rotation picks or lists people: one label, everywhere. */
class PeopleOfTheSameNameViewTest extends ViewTest {

    @Autowired
    Fixtures f;
    @Autowired
    PersonService people;
    @Autowired
    EnrollmentService enrollment;

    String name;
    long older;
    long younger;

    @BeforeEach
    void two_people_of_one_name() {
        name = Rosters.unique("张伟");
        long unit = f.unit("青山区委统战部").id();
        older = people.create(person(LocalDate.of(1975, 3, 8), "青州市政协委员", unit));
        younger = people.create(person(LocalDate.of(1988, 6, 1), "教授", unit));
    }

    private PersonData person(LocalDate birth, String position, long unit) {
        return new PersonData(name, Gender.M, null, birth, Rosters.idCard(Gender.M, birth), null, null, unit, null,
                Set.of(f.sector(0)), position, false, PersonStatus.ACTIVE);
    }

    private String tail(long personId) {
        return people.get(personId).maskedIdCard().substring(14);
    }

    @Test
    @WithUserDetails("organizer")
    void the_nomination_box_and_the_class_roster_tell_them_apart() {
        long cls = f.classWithSessions("同名提名", "江川省委统战部", LocalDate.now().plusDays(400), 2, 10, Set.of());
        enrollment.setQuota(cls, f.unit("青州市委统战部").id(), 2);

        navigate(ClassView.class, cls);
        $(TabSheet.class).single().setSelectedIndex(2);
        @SuppressWarnings("unchecked")
        ComboBox<Candidate> box = $(ComboBox.class).id("nominate-person");
        test(box).setFilter(name);
        assertThat(test(box).getSuggestions()).containsExactly(
                name + "（1975 年生 · 身份证尾号 " + tail(older) + " · 青州市政协委员） · 青山区委统战部",
                name + "（1988 年生 · 身份证尾号 " + tail(younger) + " · 教授） · 青山区委统战部");

        long other = f.classWithSessions("同名名单", "江川省委统战部", LocalDate.now().plusDays(430), 2, 10, Set.of());
        enrollment.enroll(other, List.of(older), false);
        navigate(ClassView.class, other);
        $(TabSheet.class).single().setSelectedIndex(1);
        @SuppressWarnings("unchecked")
        Grid<EnrollmentRow> roster = $(Grid.class).id("roster-grid");
        assertThat(test(roster).getCellText(0, 0)).isEqualTo(name + "（1975 年生 · 身份证尾号 " + tail(older) + " · 青州市政协委员）");
    }

    @Test
    @WithUserDetails("organizer")
    void the_plans_named_people_picker_tells_them_apart() {
        navigate(PlansView.class);
        test($(Button.class).id("plan-new")).click();
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<PersonOption> named = $(MultiSelectComboBox.class).id("plan-people");
        @SuppressWarnings("unchecked")
        var search = (DataProvider<PersonOption, String>) named.getDataProvider();
        List<String> labels = search.fetch(new Query<>(0, 20, List.of(), null, name))
                .map(o -> named.getItemLabelGenerator().apply(o)).toList();
        assertThat(labels).containsExactlyInAnyOrder(
                name + "（1975 年生 · 身份证尾号 " + tail(older) + " · 青州市政协委员） · 青山区委统战部",
                name + "（1988 年生 · 身份证尾号 " + tail(younger) + " · 教授） · 青山区委统战部");
        assertThat(people.count(new PersonQuery(name, null, null, null, null, null))).isEqualTo(2);
    }
}
