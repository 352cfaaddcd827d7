package cn.tongxin.e2e;

import cn.tongxin.people.Gender;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.RosterChoices;
import cn.tongxin.people.RosterImportService;
import cn.tongxin.people.Rosters;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.Fixtures;
import cn.tongxin.security.SystemCaller;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static cn.tongxin.people.Rosters.row;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A roster as offices really send it, imported by the province's organizer; then people of one name, told apart. */
class RosterImportJourneyTest extends BrowserTest {

    @Autowired
    RosterImportService roster;
    @Autowired
    PersonService people;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    Fixtures fixtures;

    @Test
    void an_organizer_confirms_a_short_unit_name_once_and_updates_a_registered_person() throws Exception {
        String registeredId = Rosters.idCard(Gender.F, LocalDate.of(1968, 4, 2));
        SystemCaller.runAsSystem(() -> roster.importRows(roster.preview("earlier.xlsx", Rosters.xlsx(List.of(
                row("欧阳兰", "女", "汉族", null, registeredId, "13900000001", null, "青山区委统战部", "党外知识分子", null, "教授", null)))), RosterChoices.none(), false));
        Path file = Files.createTempDirectory("roster").resolve("各单位报送名册.xlsx");
        Files.write(file, Rosters.xlsx(List.of(
                row("司马青", "男", "汉族", null, Rosters.idCard(Gender.M, LocalDate.of(1975, 3, 8)), "13800000001", null,
                        "省委统战部", "党外知识分子", "民盟", "省政协委员", "是"),
                row("司马红", "男", "汉族", "1980-01-02", Rosters.idCard(Gender.F, LocalDate.of(1980, 1, 2)), null, null,
                        "省委统战部", "无党派人士", null, "律师", null),
                row("欧阳兰", "女", null, null, registeredId, "13900000002", null, "青山区委统战部", "党外知识分子", null, "院长", null),
                row("上官云", "女", null, null, "12345", null, null, "青山区委统战部", "其他", null, null, null))));

        Page phone = phone();
        logIn(phone, "organizer");
        phone.navigate(url("people/import"));
        phone.locator("#roster-upload input[type=file]").setInputFiles(file);
        assertThat(phone.locator("#roster-units")).isVisible();
        phone.locator("#roster-units").scrollIntoViewIfNeeded();
        screenshot(phone, "roster-preview-phone");

        Page page = desktop();
        logIn(page, "organizer");
        page.navigate(url("people/import"));
        page.locator("#roster-upload input[type=file]").setInputFiles(file);
        assertThat(page.locator("#roster-units")).containsText("省委统战部");
        assertThat(page.locator("#roster-unit-0 input")).hasValue("江川省委统战部");
        assertThat(page.locator("#roster-registered")).containsText("1 人已在名册中");
        screenshot(page, "roster-preview-desktop");

        page.locator("#roster-unit-confirm-0").click();
        page.locator("#roster-registered-choice vaadin-radio-button").first().click();
        page.locator("vaadin-tab").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("已自动更正")).click();
        assertThat(page.locator("#roster-warnings")).containsText("已按身份证号登记");
        screenshot(page, "roster-preview-confirmed-desktop");

        page.locator("#roster-import-good").click();
        page.locator("#roster-confirm-dialog vaadin-button[slot=confirm-button], vaadin-confirm-dialog-overlay vaadin-button[slot=confirm-button]").first().click();
        assertThat(page.locator("#roster-result-text")).hasText("导入完成：已新增 2 人，更新 1 人，跳过 1 行有问题的记录。");
        screenshot(page, "roster-result-desktop");

    }

    @Test
    void people_of_one_name_are_told_apart_in_the_nomination_box_and_the_people_list() {
        String name = "诸葛明远";
        long[] cls = new long[1];
        SystemCaller.runAsSystem(() -> {
            long unit = fixtures.unit("青山区委统战部").id();
            for (Object[] p : new Object[][]{{LocalDate.of(1975, 3, 8), "青州市政协委员"}, {LocalDate.of(1988, 6, 1), "教授"}}) {
                LocalDate birth = (LocalDate) p[0];
                people.create(new PersonData(name, Gender.M, null, birth, Rosters.idCard(Gender.M, birth), null, null, unit, null,
                        Set.of(fixtures.sector(0)), (String) p[1], false, PersonStatus.ACTIVE));
            }
            cls[0] = fixtures.classWithSessions("同名提名演示", "江川省委统战部", LocalDate.now().plusDays(300), 2, 20, Set.of());
            enrollment.setQuota(cls[0], fixtures.unit("青州市委统战部").id(), 3);
        });

        Page page = desktop();
        logIn(page, "organizer");
        page.navigate(url("rotation/class/" + cls[0]));
        page.locator("vaadin-tab").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("名额")).click();
        page.locator("#nominate-person input").fill(name);
        assertThat(page.locator("vaadin-combo-box-item").first()).containsText("年生");
        assertThat(page.locator("vaadin-combo-box-item")).hasCount(2);
        screenshot(page, "nomination-same-name-desktop");
        page.navigate(url("people"));
        page.locator("#people-search input").fill(name);
        page.locator("#people-search input").press("Enter");
        assertThat(page.locator("#people-count")).hasText("共 2 人");
        assertThat(page.locator("#people-grid")).containsText("1975 年生");
        screenshot(page, "people-same-name-desktop");

        Page phone = phone();
        logIn(phone, "qingzhou");
        phone.navigate(url("people"));
        phone.locator("#people-search input").fill(name);
        phone.locator("#people-search input").press("Enter");
        assertThat(phone.locator("#people-count")).hasText("共 2 人");
        assertThat(phone.locator("#people-grid")).containsText("1988 年生");
        screenshot(phone, "people-same-name-phone");
    }
}
