package cn.tongxin.people.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonRow;
import cn.tongxin.people.RosterChoices;
import cn.tongxin.people.RosterImportService;
import cn.tongxin.people.RosterProblem;
import cn.tongxin.people.RosterRow;
import cn.tongxin.people.Rosters;
import cn.tongxin.people.UnitKind;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.upload.Upload;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static cn.tongxin.people.Rosters.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RosterImportViewTest extends ViewTest {

    @Autowired
    PersonService people;
    @Autowired
    UnitService units;
    @Autowired
    RosterImportService roster;

    UnitRef county;

    @BeforeEach
    void a_county_of_our_own() {
        county = Rosters.newUnit(units, "青州市委统战部", Rosters.unique("导入测试县"), UnitKind.COUNTY);
    }

    private boolean shown(String id) {
        return $(Component.class).withId(id).all().stream().anyMatch(Component::isVisible);
    }

    private long countInCounty() {
        return people.count(new PersonQuery(null, county.id(), null, null, null, null));
    }

    @Test
    @WithUserDetails("qingzhou")
    void the_preview_lists_bad_rows_by_number_and_importing_the_good_ones_needs_a_confirmation() {
        navigate(RosterImportView.class);
        String unit = county.name();
        byte[] file = Rosters.xlsx(List.of(
                row("甲一", "男", null, null, Rosters.idCard(Gender.M), null, null, unit, "其他", null, null, null),
                row("乙二", "女", null, null, "123456789012345678", null, null, unit, "其他", null, null, null),
                row("丙三", "女", null, null, Rosters.idCard(Gender.F), null, null, "云州市委统战部", "其他", null, null, null),
                row("丁四", "男", null, null, Rosters.idCard(Gender.M), null, null, unit, "其他", "民盟", null, "是")));

        test($(Upload.class).id("roster-upload")).upload("名册.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
        awaitBackground(() -> shown("roster-preview"));

        assertThat($(Span.class).id("roster-total").getText()).isEqualTo("4");
        assertThat($(Span.class).id("roster-good").getText()).isEqualTo("2");
        assertThat($(Span.class).id("roster-bad").getText()).isEqualTo("2");
        @SuppressWarnings("unchecked")
        Grid<RosterProblem> bad = $(Grid.class).id("roster-bad-rows");
        assertThat(test(bad).size()).isEqualTo(2);
        assertThat(test(bad).getCellText(0, 0)).isEqualTo("3");
        assertThat(test(bad).getCellText(0, 2)).isEqualTo("身份证号：身份证号码不正确（校验位不符或日期无效）。");
        assertThat(test(bad).getCellText(1, 0)).isEqualTo("4");
        assertThat(test(bad).getCellText(1, 2)).isEqualTo("单位：单位“云州市委统战部”不在您的管理范围内。");
        assertThat($(Button.class).withId("roster-confirm").all()).as("no plain confirm with bad rows").isEmpty();
        assertThat(countInCounty()).isZero();

        test($(Button.class).id("roster-import-good")).click();
        ConfirmDialog dialog = $(ConfirmDialog.class).id("roster-confirm-dialog");
        test(dialog).confirm();
        awaitBackground(() -> shown("roster-result"));

        assertThat($(Span.class).id("roster-result-text").getText()).isEqualTo("导入完成：已新增 2 人，跳过 2 行有问题的记录。");
        assertThat(countInCounty()).isEqualTo(2);
    }

    @Test
    @WithUserDetails("organizer")
    void a_clean_file_is_imported_by_the_confirm_button() {
        navigate(RosterImportView.class);
        byte[] file = Rosters.xlsx(List.of(
                row("戊一", "男", null, null, Rosters.idCard(Gender.M), null, null, county.name(), "其他", null, null, null),
                row("己二", "女", null, null, Rosters.idCard(Gender.F), null, null, county.name(), "其他", null, null, null)));
        test($(Upload.class).id("roster-upload")).upload("clean.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
        awaitBackground(() -> shown("roster-preview"));
        assertThat(countInCounty()).isZero();

        test($(Button.class).id("roster-confirm")).click();
        awaitBackground(() -> shown("roster-result"));

        assertThat(countInCounty()).isEqualTo(2);
    }

    @Test
    @WithUserDetails("organizer")
    void cancelling_the_preview_imports_nothing() {
        navigate(RosterImportView.class);
        byte[] file = Rosters.xlsx(List.of(
                row("庚一", "男", null, null, Rosters.idCard(Gender.M), null, null, county.name(), "其他", null, null, null)));
        test($(Upload.class).id("roster-upload")).upload("clean.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
        awaitBackground(() -> shown("roster-preview"));
        test($(Button.class).id("roster-cancel")).click();
        assertThat(shown("roster-preview")).isFalse();
        assertThat(countInCounty()).isZero();
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_short_unit_name_is_confirmed_once_a_registered_person_is_updated_and_a_gender_slip_is_shown() {
        String registeredId = Rosters.idCard(Gender.F);
        roster.importRows(roster.preview("earlier.xlsx", Rosters.xlsx(List.of(
                row("蓝一", "女", null, null, registeredId, "13900000001", null, county.name(), "其他", null, null, null)))), RosterChoices.none(), false);
        String shortName = county.name().substring(2);      // "测试县…" for "导入测试县…"
        navigate(RosterImportView.class);
        byte[] file = Rosters.xlsx(List.of(
                row("蓝二", "男", null, null, Rosters.idCard(Gender.M), null, null, shortName, "其他", null, null, null),
                row("蓝三", "女", null, null, Rosters.idCard(Gender.M), null, null, shortName, "其他", null, null, null),
                row("蓝一", "女", null, null, registeredId, "13900000002", null, county.name(), "其他", null, null, null)));
        test($(Upload.class).id("roster-upload")).upload("offices.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
        awaitBackground(() -> shown("roster-preview"));

        assertThat($(Span.class).id("roster-bad").getText()).isEqualTo("0");
        assertThat($(Span.class).id("roster-to-confirm").getText()).isEqualTo("2");
        assertThat($(Span.class).id("roster-registered-count").getText()).isEqualTo("1");
        // The unit as written, once, with the proposal; not yet confirmed, so those rows would be left out.
        @SuppressWarnings("unchecked")
        ComboBox<UnitRef> unit = $(ComboBox.class).id("roster-unit-0");
        assertThat(unit.getValue()).isEqualTo(county);
        assertThat(unit.getLabel()).isEqualTo("“" + shortName + "”（2 行）");
        assertThat($(Paragraph.class).id("roster-nothing").getText()).isEqualTo("请先确认上面的单位：未确认单位的行不会导入。");
        assertThat($(Button.class).withId("roster-confirm").all()).isEmpty();
        @SuppressWarnings("unchecked")
        Grid<RosterRow> warnings = $(Grid.class).id("roster-warnings");
        assertThat(test(warnings).size()).isEqualTo(1);
        assertThat(test(warnings).getCellText(0, 2)).isEqualTo("性别：所填性别“女”与身份证号不符，已按身份证号登记。");

        test($(Checkbox.class).id("roster-unit-confirm-0")).click();
        assertThat($(Button.class).id("roster-confirm").getText()).isEqualTo("确认导入 2 人");
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Boolean> registered = $(RadioButtonGroup.class).id("roster-registered-choice");
        test(registered).selectItem("用本文件更新这 1 人的记录（空白的单元格保留原值）");
        assertThat($(Button.class).id("roster-confirm").getText()).isEqualTo("确认导入 3 人");
        assertThat(countInCounty()).as("nothing written before the confirmation").isEqualTo(1);

        test($(Button.class).id("roster-confirm")).click();
        awaitBackground(() -> shown("roster-result"));

        assertThat($(Span.class).id("roster-result-text").getText()).isEqualTo("导入完成：已新增 2 人，更新 1 人。");
        assertThat(countInCounty()).isEqualTo(3);
        assertThat(people.search(new PersonQuery("蓝", county.id(), null, null, null, null), 0, 10).items())
                .extracting(PersonRow::name, PersonRow::gender, PersonRow::phone)
                .containsExactlyInAnyOrder(tuple("蓝一", Gender.F, "13900000002"), tuple("蓝二", Gender.M, null), tuple("蓝三", Gender.M, null));
    }

    @Test
    @WithUserDetails("qingzhou")
    void the_template_downloads_with_the_chinese_headers() throws Exception {
        navigate(RosterImportView.class);
        Anchor link = $(Anchor.class).id("roster-template");
        assertThat($(Button.class, link).single().getText()).isEqualTo("下载导入模板");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        test(link).download(out);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var header = wb.getFirstSheet().read().get(0);
            assertThat(header.getCellText(0)).isEqualTo("姓名");
            assertThat(header.getCellText(11)).isEqualTo("代表人士");
        }
    }
}
