package cn.tongxin.people.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.Rosters;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

class PersonFormViewTest extends ViewTest {

    @Autowired
    PersonService people;
    @Autowired
    UnitService units;
    @Autowired
    ReferenceDataService reference;

    @SuppressWarnings("unchecked")
    private void fillIn(String name, String idCard) {
        test($(TextField.class).id("person-form-name")).setValue(name);
        RadioButtonGroup<Gender> gender = $(RadioButtonGroup.class).id("person-form-gender");
        test(gender).selectItem("女");
        test($(TextField.class).id("person-form-id-card")).setValue(idCard);
        ComboBox<UnitRef> unit = $(ComboBox.class).id("person-form-unit");
        test(unit).selectItem("青山区委统战部");
        MultiSelectComboBox<ReferenceItem> sectors = $(MultiSelectComboBox.class).id("person-form-sectors");
        test(sectors).selectItem("党外知识分子");
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_bad_id_number_is_marked_on_its_field_and_a_good_person_is_saved() {
        navigate(PersonFormView.class);
        String name = Rosters.unique("表单");
        String good = Rosters.idCard(Gender.F);
        String bad = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        fillIn(name, bad);

        TextField idCard = $(TextField.class).id("person-form-id-card");
        assertThat(idCard.isInvalid()).isTrue();
        assertThat(idCard.getErrorMessage()).isEqualTo("身份证号码不正确（校验位不符或日期无效）。");
        test($(Button.class).id("person-form-save")).click();
        assertThat(getCurrentView()).isInstanceOf(PersonFormView.class);
        assertThat(people.count(new PersonQuery(name, null, null, null, null, null))).isZero();

        test(idCard).setValue(" " + good.substring(0, 9) + " " + good.substring(9) + " ");
        assertThat(idCard.isInvalid()).isFalse();
        test($(Button.class).id("person-form-save")).click();

        assertThat(getCurrentView()).isInstanceOf(PersonDetailView.class);
        assertThat($(H3.class).id("person-name").getText()).isEqualTo(name);
        assertThat($(Span.class).id("person-unit").getText()).isEqualTo("青山区委统战部");
        assertThat(people.count(new PersonQuery(name, null, null, null, null, null))).isEqualTo(1);
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_number_that_disagrees_with_the_gender_is_marked() {
        navigate(PersonFormView.class);
        fillIn(Rosters.unique("性别"), Rosters.idCard(Gender.M));
        TextField idCard = $(TextField.class).id("person-form-id-card");
        assertThat(idCard.isInvalid()).isTrue();
        assertThat(idCard.getErrorMessage()).isEqualTo("身份证号码中的性别与所填性别不一致。");
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_number_already_registered_is_shown_on_the_field_after_saving() {
        String taken = Rosters.idCard(Gender.F);
        navigate(PersonFormView.class);
        fillIn(Rosters.unique("首次"), taken);
        test($(Button.class).id("person-form-save")).click();
        assertThat(getCurrentView()).isInstanceOf(PersonDetailView.class);

        navigate(PersonFormView.class);
        fillIn(Rosters.unique("再次"), taken);
        test($(Button.class).id("person-form-save")).click();
        TextField idCard = $(TextField.class).id("person-form-id-card");
        assertThat(getCurrentView()).isInstanceOf(PersonFormView.class);
        assertThat(idCard.isInvalid()).isTrue();
        assertThat(idCard.getErrorMessage()).isEqualTo("该身份证号码已登记在另一人名下。");
    }

    @Test
    @WithUserDetails("qingzhou")
    void editing_keeps_the_masked_number_and_refuses_a_concurrent_change() {
        String name = Rosters.unique("编辑");
        long id = Rosters.newPerson(people, reference, name, Rosters.unit(units, "临河县委统战部").id());
        navigate("people/" + id + "/edit", PersonFormView.class);
        TextField idCard = $(TextField.class).id("person-form-id-card");
        assertThat(idCard.getValue()).contains("********");

        // Someone else saves in between.
        var opened = people.get(id);
        var d = opened.data();
        people.update(id, opened.version(), new cn.tongxin.people.PersonData(d.name(), d.gender(), d.ethnicity(), d.birthDate(),
                opened.maskedIdCard(), d.phone(), d.email(), d.unitId(), d.partyId(), d.sectorIds(), "别人改的", d.representative(), d.status()));

        test($(TextField.class).id("person-form-position")).setValue("我改的");
        test($(Button.class).id("person-form-save")).click();

        assertThat(getCurrentView()).isInstanceOf(PersonFormView.class);
        assertThat(people.get(id).data().position()).isEqualTo("别人改的");
        assertThat(people.get(id).maskedIdCard()).isEqualTo(opened.maskedIdCard());
    }

    @Test
    @WithUserDetails("qingzhou")
    void editing_with_the_masked_number_unchanged_saves() {
        String name = Rosters.unique("保留");
        long id = Rosters.newPerson(people, reference, name, Rosters.unit(units, "临河县委统战部").id());
        String masked = people.get(id).maskedIdCard();
        navigate("people/" + id + "/edit", PersonFormView.class);
        test($(TextField.class).id("person-form-position")).setValue("主任");
        test($(Button.class).id("person-form-save")).click();
        assertThat(getCurrentView()).isInstanceOf(PersonDetailView.class);
        assertThat(people.get(id).data().position()).isEqualTo("主任");
        assertThat(people.get(id).maskedIdCard()).isEqualTo(masked);
    }

    @Test
    @WithUserDetails("qingzhou")
    void leaving_the_form_with_changes_asks_first_and_keeps_them_when_told_to_stay() {
        navigate(PersonFormView.class);
        navigate(PeopleListView.class);
        assertThat(getCurrentView()).as("nothing typed: no question").isInstanceOf(PeopleListView.class);

        navigate(PersonFormView.class);
        String name = Rosters.unique("未存");
        test($(TextField.class).id("person-form-name")).setValue(name);
        com.vaadin.flow.component.UI.getCurrent().navigate(PeopleListView.class);
        assertThat(getCurrentView()).as("the navigation waits for the answer").isInstanceOf(PersonFormView.class);
        test($(Button.class).id("unsaved-keep")).click();
        assertThat(getCurrentView()).isInstanceOf(PersonFormView.class);
        assertThat($(TextField.class).id("person-form-name").getValue()).isEqualTo(name);

        test($(Button.class).id("person-form-cancel")).click();
        assertThat(getCurrentView()).as("取消 asks too").isInstanceOf(PersonFormView.class);
        test($(Button.class).id("unsaved-discard")).click();
        assertThat(getCurrentView()).isInstanceOf(PeopleListView.class);
        assertThat(people.count(new PersonQuery(name, null, null, null, null, null))).isZero();
    }
}
