package cn.tongxin.rotation.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.rotation.ClassData;
import cn.tongxin.rotation.ClassRow;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.PlanRow;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.rotation.SessionData;
import cn.tongxin.rotation.SessionKind;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.rotation.SessionRow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RotationViewsTest extends ViewTest {

    @Autowired
    RotationService rotation;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    cn.tongxin.people.PersonService people;
    @Autowired
    cn.tongxin.people.ReferenceDataService reference;

    /** A plan over {@code n} new people of 青山区 (named), so the test does not depend on what others enrolled. */
    private PlanRow freshPlan(int n) {
        long unit = 1L;
        java.util.Set<Long> ids = new java.util.HashSet<>();
        long sector = reference.sectors().get(2).id();
        long unitId = rotationUnit();
        for (int i = 0; i < n; i++) {
            long k = System.nanoTime() % 1_000_000;
            ids.add(people.create(new cn.tongxin.people.PersonData("界" + k + i, cn.tongxin.people.Gender.F, null, null, null, null,
                    null, unitId, null, Set.of(sector), null, false, cn.tongxin.people.PersonStatus.ACTIVE)));
        }
        String name = "界面专用计划 " + System.nanoTime();
        rotation.createPlan(new cn.tongxin.rotation.PlanData(name, unit, LocalDate.of(2023, 1, 1), LocalDate.of(2049, 12, 31),
                cn.tongxin.rotation.Requirement.CLASS, 1, null, Set.of(), Set.of(), Set.of(), false, ids));
        return rotation.plans().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Autowired
    cn.tongxin.people.UnitService units;
    @Autowired
    cn.tongxin.attendance.SignInService signIn;

    /** New people of 青山区 with no class yet. */
    private List<Long> freshPeople(int n) {
        List<Long> ids = new java.util.ArrayList<>();
        long sector = reference.sectors().get(2).id();
        for (int i = 0; i < n; i++) {
            ids.add(people.create(new cn.tongxin.people.PersonData("新" + System.nanoTime() % 1_000_000 + i, cn.tongxin.people.Gender.F,
                    null, null, null, null, null, rotationUnit(), null, Set.of(sector), null, false,
                    cn.tongxin.people.PersonStatus.ACTIVE)));
        }
        return ids;
    }

    private long rotationUnit() {
        return units.visibleUnits().stream().filter(u -> u.name().equals("青山区委统战部")).findFirst().orElseThrow().id();
    }

    @Test
    @WithUserDetails("organizer")
    void organizer_creates_a_plan_from_the_plans_page() {
        navigate(PlansView.class);
        test($(Button.class).id("plan-new")).click();
        String name = "界面计划 " + System.nanoTime();
        test($(TextField.class).id("plan-name")).setValue(name);
        test($(DatePicker.class).id("plan-start")).setValue(LocalDate.of(2026, 1, 1));
        test($(DatePicker.class).id("plan-end")).setValue(LocalDate.of(2030, 12, 31));
        test($(IntegerField.class).id("plan-min-days")).setValue(3);
        @SuppressWarnings("unchecked")
        var sectors = (com.vaadin.flow.component.combobox.MultiSelectComboBox<cn.tongxin.people.ReferenceItem>)
                $(com.vaadin.flow.component.combobox.MultiSelectComboBox.class).id("plan-sectors");
        sectors.select(sectors.getListDataView().getItems().findFirst().orElseThrow());
        test($(Button.class).id("plan-save")).click();
        assertThat(rotation.plans()).extracting(PlanRow::name).contains(name);
        @SuppressWarnings("unchecked")
        Grid<PlanRow> grid = $(Grid.class).id("plans-grid");
        assertThat(test(grid).size()).isEqualTo(rotation.plans().size());
    }

    @Test
    @WithUserDetails("organizer")
    void organizer_names_a_person_found_by_name_in_a_new_plan_and_sees_them_when_editing_it() {
        var someone = people.search(cn.tongxin.people.PersonQuery.all(), 0, 1).items().getFirst();
        navigate(PlansView.class);
        test($(Button.class).id("plan-new")).click();
        String name = "点名计划 " + System.nanoTime();
        test($(TextField.class).id("plan-name")).setValue(name);
        test($(DatePicker.class).id("plan-start")).setValue(LocalDate.of(2026, 1, 1));
        test($(DatePicker.class).id("plan-end")).setValue(LocalDate.of(2030, 12, 31));
        @SuppressWarnings("unchecked")
        var named = (com.vaadin.flow.component.combobox.MultiSelectComboBox<cn.tongxin.people.PersonOption>)
                $(com.vaadin.flow.component.combobox.MultiSelectComboBox.class).id("plan-people");
        // what the organizer sees after typing the name
        @SuppressWarnings("unchecked")
        var search = (com.vaadin.flow.data.provider.DataProvider<cn.tongxin.people.PersonOption, String>) named.getDataProvider();
        var found = search.fetch(new com.vaadin.flow.data.provider.Query<>(0, 20, List.of(), null, someone.name())).toList();
        assertThat(found).extracting(cn.tongxin.people.PersonOption::id).contains(someone.id());
        named.select(found.stream().filter(o -> o.id() == someone.id()).findFirst().orElseThrow());
        test($(Button.class).id("plan-save")).click();

        PlanRow plan = rotation.plans().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        assertThat(rotation.plan(plan.id()).data().personIds()).containsExactly(someone.id());
        @SuppressWarnings("unchecked")
        Grid<PlanRow> grid = $(Grid.class).id("plans-grid");
        test(grid).clickRow(rotation.plans().indexOf(plan));
        @SuppressWarnings("unchecked")
        var again = (com.vaadin.flow.component.combobox.MultiSelectComboBox<cn.tongxin.people.PersonOption>)
                $(com.vaadin.flow.component.combobox.MultiSelectComboBox.class).id("plan-people");
        assertThat(again.getValue()).extracting(cn.tongxin.people.PersonOption::name).containsExactly(someone.name());
    }

    @Test
    @WithUserDetails("organizer")
    void organizer_creates_a_class_adds_a_session_in_the_timetable_fills_it_and_publishes() {
        PlanRow plan = rotation.plans().stream().filter(p -> p.name().startsWith("2023—2027")).findFirst().orElseThrow();
        navigate(ClassesView.class);
        test($(Button.class).id("class-new")).click();
        String title = "界面培训班 " + System.nanoTime();
        LocalDate start = LocalDate.of(2044, 9, 1);
        test($(TextField.class).id("class-title")).setValue(title);
        test($(DatePicker.class).id("class-start")).setValue(start);
        test($(DatePicker.class).id("class-end")).setValue(start.plusDays(2));
        test($(IntegerField.class).id("class-capacity")).setValue(5);
        @SuppressWarnings("unchecked")
        var plans = (com.vaadin.flow.component.combobox.MultiSelectComboBox<PlanRow>)
                $(com.vaadin.flow.component.combobox.MultiSelectComboBox.class).id("class-plans");
        plans.select(plan);
        test($(Button.class).id("class-save")).click();
        // we are on the new class
        assertThat($(H2.class).id("class-heading").getText()).isEqualTo(title);
        test($(Button.class).id("session-add-" + start)).click();
        test($(TextField.class).id("session-title")).setValue("开班式与专题讲座");
        test($(Button.class).id("session-save")).click();
        long classId = rotation.classes(plan.id(), null, 0, 1000).items().stream()
                .filter(c -> c.title().equals(title)).findFirst().orElseThrow().id();
        assertThat(rotation.sessions(classId)).extracting(s -> s.title()).containsExactly("开班式与专题讲座");
        // an overlapping session is refused with a message, and nothing is saved
        test($(Button.class).id("session-add-" + start)).click();
        test($(TextField.class).id("session-title")).setValue("冲突");
        test($(Button.class).id("session-save")).click();
        assertThat(rotation.sessions(classId)).hasSize(1);
    }

    @Test
    @WithUserDetails("organizer")
    void organizer_fills_the_free_seats_from_the_plan_and_publishes() {
        PlanRow plan = freshPlan(6);
        LocalDate start = LocalDate.of(2045, 3, 1);
        long classId = rotation.createClass(new ClassData("界面补员 " + System.nanoTime(), 1L, "学院", start, start.plusDays(2), 4,
                Set.of(plan.id()), 90, null, null));
        rotation.addSession(classId, new SessionData("讲座", SessionKind.LECTURE, null, start.atTime(9, 0), start.atTime(11, 0),
                null, new BigDecimal("2"), 30, 10, 60));
        navigate(ClassView.class, classId);
        $(com.vaadin.flow.component.tabs.TabSheet.class).single().setSelectedIndex(1);
        test($(Button.class).id("roster-fill")).click();
        assertThat($(Span.class).id("fill-count").getText()).isEqualTo("符合条件 6 人，空余名额 4 个");
        test($(Button.class).id("fill-free")).click();
        assertThat(rotation.classDetail(classId).enrolled()).as("a draft mails no one: no question").isEqualTo(4);
        test($(Button.class).id("class-advance")).click();
        // Publishing mails everyone invited: it says so, with the number, and waits for the answer.
        assertThat(confirmText()).contains("将立即向 " + rotation.previewAdvance(classId).people() + " 名学员发送邀请邮件");
        test($(Button.class).id(Confirm.CANCEL_ID)).click();
        assertThat(rotation.classDetail(classId).status()).isEqualTo(cn.tongxin.rotation.ClassStatus.DRAFT);
        test($(Button.class).id("class-advance")).click();
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat(rotation.classDetail(classId).status()).isEqualTo(cn.tongxin.rotation.ClassStatus.PUBLISHED);
    }

    @Test
    @WithUserDetails("organizer")
    void organizer_applies_the_planner_proposal() {
        PlanRow plan = freshPlan(5);
        LocalDate start = LocalDate.now().plusYears(2);
        long classId = rotation.createClass(new ClassData("界面排班 " + System.nanoTime(), 1L, "学院", start, start.plusDays(2), 3,
                Set.of(plan.id()), 90, null, null));
        navigate(PlannerView.class);
        @SuppressWarnings("unchecked")
        ComboBox<PlanRow> planBox = $(ComboBox.class).id("planner-plan");
        test(planBox).selectItem(plan.name());
        @SuppressWarnings("unchecked")
        var classes = (com.vaadin.flow.component.combobox.MultiSelectComboBox<ClassRow>)
                $(com.vaadin.flow.component.combobox.MultiSelectComboBox.class).id("planner-classes");
        classes.setValue(Set.copyOf(classes.getListDataView().getItems().filter(c -> c.id() == classId).toList()));
        test($(Button.class).id("planner-propose")).click();
        assertThat($(Span.class).id("planner-summary").getText()).isEqualTo("待轮训 5 人，已安排 3 人，未能安排 2 人。");
        // the explanation says why the rest could not be placed
        assertThat($(Div.class).id("planner-explanation").getElement().getTextRecursively()).contains("名额不足");
        test($(Button.class).id("planner-apply")).click();
        assertThat(confirmText()).contains("将按方案为 1 期培训班报名 3 人");
        assertThat(rotation.classDetail(classId).enrolled()).as("nothing before the answer").isZero();
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat(rotation.classDetail(classId).enrolled()).isEqualTo(3);
    }

    /** The text of the open question (the one helper's dialog). */
    private String confirmText() {
        return $(com.vaadin.flow.component.html.Paragraph.class).all().stream()
                .filter(p -> p.hasClassName("tx-confirm-message")).map(p -> p.getText()).reduce((a, b) -> b).orElse("");
    }

    private String getTranslation(String key) {
        return com.vaadin.flow.component.UI.getCurrent().getTranslation(key);
    }

    private boolean open(Class<? extends Dialog> type) {
        return $(type).all().stream().anyMatch(Dialog::isOpened);
    }

    private static void pressEsc(Dialog dialog) {
        com.vaadin.flow.component.ComponentUtil.fireEvent(dialog, new Dialog.DialogCloseActionEvent(dialog, true));
    }

    @Test
    @WithUserDetails("organizer")
    void closing_a_class_says_how_many_will_complete_and_does_nothing_until_confirmed() {
        LocalDate start = LocalDate.now().minusDays(10);
        long classId = rotation.createClass(new ClassData("界面结班 " + System.nanoTime(), 1L, "学院", start, start, 5,
                Set.of(), 90, null, null));
        rotation.addSession(classId, new SessionData("讲座", SessionKind.LECTURE, null, start.atTime(9, 0), start.atTime(11, 0),
                null, new BigDecimal("2"), 30, 10, 60));
        List<Long> two = freshPeople(2);
        enrollment.enroll(classId, two, false);
        rotation.advance(classId);
        rotation.advance(classId);
        signIn.mark(new cn.tongxin.attendance.OccasionRef("SESSION", rotation.sessions(classId).getFirst().id()),
                List.of(two.getFirst()), cn.tongxin.attendance.AttendanceStatus.PRESENT, "签到表补录");
        navigate(ClassView.class, classId);

        test($(Button.class).id("class-advance")).click();
        assertThat(confirmText()).contains("判定 2 名学员是否结业：1 人结业，1 人未结业");
        test($(Button.class).id(Confirm.CANCEL_ID)).click();
        assertThat(rotation.classDetail(classId).status()).isEqualTo(cn.tongxin.rotation.ClassStatus.IN_PROGRESS);
        test($(Button.class).id("class-advance")).click();
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat(rotation.classDetail(classId).status()).isEqualTo(cn.tongxin.rotation.ClassStatus.CLOSED);
    }

    @Test
    @WithUserDetails("organizer")
    void deleting_a_session_and_withdrawing_a_seat_ask_first() {
        LocalDate start = LocalDate.of(2046, 5, 2);
        long classId = rotation.createClass(new ClassData("界面删除 " + System.nanoTime(), 1L, "学院", start, start, 5,
                Set.of(), 90, null, null));
        long session = rotation.addSession(classId, new SessionData("讲座", SessionKind.LECTURE, null, start.atTime(9, 0),
                start.atTime(11, 0), null, new BigDecimal("2"), 30, 10, 60));
        long person = freshPeople(1).getFirst();
        enrollment.enroll(classId, List.of(person), false);
        navigate(ClassView.class, classId);

        test($(Button.class).id("session-delete-" + session)).click();
        assertThat(confirmText()).contains("删除课次“讲座”", "0 名学员");
        test($(Button.class).id(Confirm.CANCEL_ID)).click();
        assertThat(rotation.sessions(classId)).hasSize(1);
        test($(Button.class).id("session-delete-" + session)).click();
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat(rotation.sessions(classId)).isEmpty();

        $(com.vaadin.flow.component.tabs.TabSheet.class).single().setSelectedIndex(1);
        @SuppressWarnings("unchecked")
        Grid<cn.tongxin.rotation.EnrollmentRow> roster = $(Grid.class).id("roster-grid");
        test((Button) test(roster).getCellComponent(0, "actions").getChildren()
                .filter(b -> b.getId().orElse("").equals("withdraw-" + person)).findFirst().orElseThrow()).click();
        assertThat(enrollment.roster(classId, cn.tongxin.rotation.EnrollmentStatus.WITHDRAWN, 0, 10).total()).isZero();
        test($(Button.class).id(Confirm.OK_ID)).click();
        assertThat(enrollment.roster(classId, cn.tongxin.rotation.EnrollmentStatus.WITHDRAWN, 0, 10).total()).isEqualTo(1);
    }

    @Test
    @WithUserDetails("organizer")
    void the_class_dialog_keeps_what_was_typed_when_esc_or_cancel_is_pressed_by_mistake() {
        navigate(ClassesView.class);
        test($(Button.class).id("class-new")).click();
        ClassDialog dialog = $(ClassDialog.class).single();
        pressEsc(dialog);
        assertThat(dialog.isOpened()).as("nothing typed: Esc closes at once").isFalse();

        test($(Button.class).id("class-new")).click();
        dialog = $(ClassDialog.class).all().stream().filter(Dialog::isOpened).findFirst().orElseThrow();
        test($(TextField.class).id("class-title")).setValue("写了一半的班名");
        pressEsc(dialog);
        assertThat(dialog.isOpened()).as("Esc with changes asks").isTrue();
        test($(Button.class).id("unsaved-keep")).click();
        assertThat($(TextField.class).id("class-title").getValue()).isEqualTo("写了一半的班名");
        test($(Button.class).id("class-cancel")).click();
        assertThat(dialog.isOpened()).as("取消 with changes asks too").isTrue();
        test($(Button.class).id("unsaved-discard")).click();
        assertThat(dialog.isOpened()).isFalse();
    }

    @Test
    @WithUserDetails("organizer")
    void the_plan_and_session_dialogs_ask_before_throwing_typed_input_away() {
        navigate(PlansView.class);
        test($(Button.class).id("plan-new")).click();
        test($(TextField.class).id("plan-name")).setValue("未保存的计划");
        Dialog plan = $(Dialog.class).all().stream().filter(Dialog::isOpened).findFirst().orElseThrow();
        pressEsc(plan);
        assertThat(plan.isOpened()).isTrue();
        test($(Button.class).id("unsaved-discard")).click();
        assertThat(plan.isOpened()).isFalse();

        LocalDate start = LocalDate.of(2047, 5, 2);
        long classId = rotation.createClass(new ClassData("界面课次 " + System.nanoTime(), 1L, "学院", start, start, 5,
                Set.of(), 90, null, null));
        navigate(ClassView.class, classId);
        test($(Button.class).id("session-add-" + start)).click();
        SessionDialog session = $(SessionDialog.class).single();
        test($(TextField.class).id("session-title")).setValue("未保存的课次");
        pressEsc(session);
        assertThat(session.isOpened()).isTrue();
        test($(Button.class).id("unsaved-keep")).click();
        test($(Button.class).id("session-save")).click();
        assertThat(rotation.sessions(classId)).extracting(SessionRow::title).containsExactly("未保存的课次");
        assertThat(session.isOpened()).as("saved: closes without asking").isFalse();
    }

    @Test
    @WithUserDetails("organizer")
    void ticks_in_the_plan_picker_survive_a_change_of_the_name_filter() {
        PlanRow plan = freshPlan(6);
        LocalDate start = LocalDate.of(2045, 6, 1);
        long classId = rotation.createClass(new ClassData("界面选人 " + System.nanoTime(), 1L, "学院", start, start.plusDays(1), 10,
                Set.of(plan.id()), 90, null, null));
        navigate(ClassView.class, classId);
        $(com.vaadin.flow.component.tabs.TabSheet.class).single().setSelectedIndex(1);
        test($(Button.class).id("roster-fill")).click();
        @SuppressWarnings("unchecked")
        Grid<cn.tongxin.rotation.Candidate> preview = $(Grid.class).id("fill-preview");
        test(preview).select(0);
        test(preview).select(1);
        String first = test(preview).getRow(0).name(), second = test(preview).getRow(1).name();
        String third = test(preview).getRow(4).name();
        TextField name = $(TextField.class).all().stream().filter(t -> getTranslation("rotation.person.name").equals(t.getLabel()))
                .findFirst().orElseThrow();
        test(name).setValue(third);
        assertThat(test(preview).size()).isEqualTo(1);
        test(preview).select(0);
        assertThat($(Span.class).id("fill-chosen").getText()).isEqualTo("已选 3 人");
        test(name).setValue("");
        assertThat(test(preview).getSelected()).extracting(cn.tongxin.rotation.Candidate::name)
                .containsExactlyInAnyOrder(first, second, third);
        test($(Button.class).id("fill-selected")).click();
        assertThat(enrollment.roster(classId, null, 0, 10).items()).extracting(cn.tongxin.rotation.EnrollmentRow::personName)
                .containsExactlyInAnyOrder(first, second, third);
    }

    @Test
    @WithUserDetails("checker")
    void checker_sees_coverage_with_figures_and_can_drill_down() {
        navigate(CoverageView.class);
        assertThat($(com.vaadin.flow.component.orderedlayout.FlexLayout.class).id("coverage-stats").getElement()
                .getTextRecursively()).contains("已轮训");
        @SuppressWarnings("unchecked")
        Grid<cn.tongxin.rotation.CoverageRow> units = $(Grid.class).id("coverage-units");
        assertThat(test(units).size()).isGreaterThan(0);
    }

    @Test
    @WithUserDetails("trainee")
    void trainee_sees_their_class_with_its_timetable() {
        navigate(MyClassesView.class);
        List<cn.tongxin.rotation.MyClass> mine = enrollment.myClasses();
        assertThat(mine).isNotEmpty();
        assertThat($(Span.class).id("my-status-" + mine.getFirst().classId()).getText()).isNotBlank();
    }

    @Test
    @WithUserDetails("trainee")
    void trainee_cannot_open_organizer_pages() {
        for (Class<? extends com.vaadin.flow.component.Component> view : List.of(PlansView.class, ClassesView.class,
                PlannerView.class, CoverageView.class)) {
            try {
                navigate(view);
            } catch (Exception expected) {
                // refused
            }
            assertThat(getCurrentView()).isNotInstanceOf(view);
        }
    }

    @Test
    @WithUserDetails("checker")
    void checker_cannot_open_the_planner() {
        try {
            navigate(PlannerView.class);
        } catch (Exception expected) {
            // refused
        }
        assertThat(getCurrentView()).isNotInstanceOf(PlannerView.class);
    }
}
