package cn.tongxin.people;

import cn.tongxin.IntegrationTest;
import cn.tongxin.audit.AuditEntry;
import cn.tongxin.audit.AuditFilter;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Translations;
import cn.tongxin.security.SystemCaller;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static cn.tongxin.people.Rosters.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Roster import: every rule in the service, checked without a screen. */
@IntegrationTest
class RosterImportServiceTest {

    private static final Logger log = LoggerFactory.getLogger(RosterImportServiceTest.class);

    @Autowired
    RosterImportService roster;
    @Autowired
    PersonService people;
    @Autowired
    UnitService units;
    @Autowired
    ReferenceDataService reference;
    @Autowired
    AuditService audit;
    @Autowired
    JdbcTemplate jdbc;

    /** A county of 青州 and one of 云州, new for each test, so counts are the test's own. */
    UnitRef qingzhouCounty;
    UnitRef yunzhouCounty;

    @BeforeEach
    void units_of_our_own() {
        qingzhouCounty = Rosters.newUnit(units, "青州市委统战部", Rosters.unique("青州测试县"), UnitKind.COUNTY);
        yunzhouCounty = Rosters.newUnit(units, "云州市委统战部", Rosters.unique("云州测试县"), UnitKind.COUNTY);
    }

    private List<Object> person(String name, Gender gender, String unit) {
        return row(name, gender == Gender.M ? "男" : "女", "汉族", null, Rosters.idCard(gender), "13800138000",
                null, unit, "民主党派成员", "民盟", "教授", "否");
    }

    private long countIn(UnitRef unit) {
        long[] n = new long[1];
        SystemCaller.runAsSystem(() -> n[0] = people.count(new PersonQuery(null, unit.id(), null, null, null, null)));
        return n[0];
    }

    private List<String> namesIn(UnitRef unit) {
        List<String> names = new ArrayList<>();
        SystemCaller.runAsSystem(() -> people.search(new PersonQuery(null, unit.id(), null, null, null, null), 0, 1000)
                .items().forEach(r -> names.add(r.name())));
        return names;
    }

    @Test
    @WithUserDetails("organizer")
    void a_good_file_imports_every_row() {
        String unit = qingzhouCounty.name();
        byte[] file = Rosters.xlsx(List.of(
                person("赵一", Gender.M, unit), person("钱二", Gender.F, unit), person("孙三", Gender.M, unit)));

        RosterPreview preview = roster.preview("good.xlsx", file);
        assertThat(preview.badRows()).isEmpty();
        assertThat(preview.goodRows()).extracting(RosterRow::rowNumber).containsExactly(2, 3, 4);
        assertThat(countIn(qingzhouCounty)).as("nothing is written by the preview").isZero();

        RosterImportResult result = roster.importRows(preview, RosterChoices.none(), false);

        assertThat(result).isEqualTo(new RosterImportResult(3, 0, 0, 0));
        assertThat(namesIn(qingzhouCounty)).containsExactlyInAnyOrder("赵一", "钱二", "孙三");
        List<AuditEntry> imports = admin(() -> audit.search(new AuditFilter("organizer", AuditService.IMPORT,
                PersonService.TARGET, null, null, null), 0, 1).items());
        assertThat(imports.get(0).targetLabel()).isEqualTo("good.xlsx");
        assertThat(importArgs(imports.get(0).detail())).startsWith("3", "3");
    }

    @Test
    @WithUserDetails("organizer")
    void a_file_with_bad_rows_is_refused_with_row_numbers_and_reasons_and_imports_nothing() {
        String unit = qingzhouCounty.name();
        String twice = Rosters.idCard(Gender.F);
        String badChecksum = breakChecksum(Rosters.idCard(Gender.M));
        byte[] file = Rosters.xlsx(List.of(
                row("周一", "女", null, null, twice, null, null, unit, "无党派人士", null, null, null),      // row 2
                row("吴二", "男", null, null, badChecksum, null, null, unit, "无党派人士", null, null, null), // row 3: checksum
                person("郑三", Gender.M, unit),                                                            // row 4
                row("王四", "女", null, null, Rosters.idCard(Gender.F), null, null, unit, "其他", "火星党", null, null), // row 5: party
                row("冯五", "女", null, null, twice, null, null, unit, "无党派人士", null, null, null),       // row 6: same ID as row 2
                person("陈六", Gender.M, unit)));                                                          // row 7

        RosterPreview preview = roster.preview("bad.xlsx", file);

        assertThat(preview.totalRows()).isEqualTo(6);
        assertThat(preview.goodRows()).extracting(RosterRow::rowNumber).containsExactly(2, 4, 7);
        Map<Integer, RosterProblem> bad = preview.badRows().stream()
                .collect(Collectors.toMap(RosterProblem::rowNumber, Function.identity()));
        assertThat(bad.keySet()).containsExactlyInAnyOrder(3, 5, 6);
        assertThat(bad.get(3).issues()).extracting(RosterIssue::key).containsExactly("person.error.id-card-invalid");
        assertThat(bad.get(5).issues()).extracting(RosterIssue::key).containsExactly("roster.error.party-unknown");
        assertThat(bad.get(6).issues()).extracting(RosterIssue::key).containsExactly("roster.error.id-card-repeated");
        // In words, in the reader's language.
        assertThat(bad.get(3).message(Translations.CHINESE)).isEqualTo("身份证号：身份证号码不正确（校验位不符或日期无效）。");
        assertThat(bad.get(5).message(Translations.CHINESE)).isEqualTo("党派：无法识别的党派“火星党”。");
        assertThat(bad.get(6).message(Translations.CHINESE)).isEqualTo("身份证号：与本文件第 2 行的身份证号重复。");
        assertThat(bad.get(6).message(Translations.ENGLISH)).isEqualTo("ID number: Same ID number as row 2 of this file.");

        assertThatThrownBy(() -> roster.importRows(preview, RosterChoices.none(), false))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).key()).isEqualTo("roster.error.has-problems"));
        assertThat(countIn(qingzhouCounty)).isZero();
    }

    @Test
    @WithUserDetails("organizer")
    void importing_only_the_good_rows_after_confirmation_writes_exactly_those() {
        String unit = qingzhouCounty.name();
        byte[] file = Rosters.xlsx(List.of(
                person("褚一", Gender.M, unit),
                row("卫二", "男", null, null, breakChecksum(Rosters.idCard(Gender.M)), null, null, unit, "其他", null, null, null),
                person("蒋三", Gender.F, unit),
                person("沈四", Gender.F, "没有这个统战部")));
        RosterPreview preview = roster.preview("partly.xlsx", file);
        assertThat(preview.badRows()).extracting(RosterProblem::rowNumber).containsExactly(3);
        assertThat(preview.unitMatches()).singleElement().satisfies(m -> {
            assertThat(m.written()).isEqualTo("没有这个统战部");
            assertThat(m.candidates()).isEmpty();
        });

        // The unknown unit, not mapped, leaves its row out like a bad row.
        assertThatThrownBy(() -> roster.importRows(preview, RosterChoices.none(), false)).isInstanceOf(DomainException.class)
                .hasMessage("roster.error.has-problems");
        RosterImportResult result = roster.importRows(preview, RosterChoices.none(), true);

        assertThat(result).isEqualTo(new RosterImportResult(2, 0, 0, 2));
        assertThat(namesIn(qingzhouCounty)).containsExactlyInAnyOrder("褚一", "蒋三");
        List<AuditEntry> imports = admin(() -> audit.search(new AuditFilter("organizer", AuditService.IMPORT,
                PersonService.TARGET, null, null, null), 0, 1).items());
        assertThat(importArgs(imports.get(0).detail())).startsWith("2", "4").endsWith("3,5");
    }

    @Test
    @WithUserDetails("qingzhou")
    void city_organizer_cannot_import_into_another_city() {
        byte[] file = Rosters.xlsx(List.of(person("韩一", Gender.M, yunzhouCounty.name()), person("杨二", Gender.F, qingzhouCounty.name())));
        RosterPreview preview = roster.preview("scope.xlsx", file);
        assertThat(preview.badRows()).singleElement().satisfies(p -> {
            assertThat(p.rowNumber()).isEqualTo(2);
            assertThat(p.issues()).extracting(RosterIssue::key).containsExactly("roster.error.unit-out-of-scope");
        });
        assertThat(preview.goodRows()).extracting(r -> r.data().unitId()).containsExactly(qingzhouCounty.id());

        // A preview forged to put someone into 云州 is refused by the import itself, and writes nothing.
        RosterRow good = preview.goodRows().get(0);
        PersonData d = good.data();
        PersonData moved = new PersonData(d.name(), d.gender(), d.ethnicity(), d.birthDate(), d.idCard(), d.phone(), d.email(),
                yunzhouCounty.id(), d.partyId(), d.sectorIds(), d.position(), d.representative(), d.status());
        RosterPreview forged = new RosterPreview("forged.xlsx", List.of(good, new RosterRow(3, moved.withIdCard(Rosters.idCard(Gender.F)),
                yunzhouCounty.name(), null, "", null, false, Set.of(), List.of())), List.of(), List.of());
        assertThatThrownBy(() -> roster.importRows(forged, RosterChoices.none(), false))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).key()).isEqualTo("roster.error.stale"));
        assertThat(countIn(qingzhouCounty)).isZero();
        assertThat(countIn(yunzhouCounty)).isZero();
    }

    @Test
    @WithUserDetails("organizer")
    void province_organizer_imports_into_any_city() {
        RosterPreview preview = roster.preview("province.xlsx", Rosters.xlsx(List.of(person("朱一", Gender.M, yunzhouCounty.name()))));
        assertThat(roster.importRows(preview, RosterChoices.none(), false).imported()).isEqualTo(1);
        assertThat(namesIn(yunzhouCounty)).containsExactly("朱一");
    }

    @Test
    @WithUserDetails("checker")
    void checker_may_not_import() {
        byte[] file = Rosters.xlsx(List.of(person("秦一", Gender.M, qingzhouCounty.name())));
        assertThatThrownBy(() -> roster.preview("x.xlsx", file)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("organizer")
    void an_id_number_registered_to_someone_else_is_reported_and_a_stale_preview_imports_nothing() {
        String id = Rosters.idCard(Gender.M);
        RosterPreview first = roster.preview("a.xlsx", Rosters.xlsx(List.of(
                row("尤一", "男", null, null, id, null, null, qingzhouCounty.name(), "其他", null, null, null))));
        roster.importRows(first, RosterChoices.none(), false);

        RosterPreview again = roster.preview("b.xlsx", Rosters.xlsx(List.of(
                row("尤二", "男", null, null, id, null, null, qingzhouCounty.name(), "其他", null, null, null))));
        assertThat(again.badRows()).singleElement().satisfies(p ->
                assertThat(p.issues()).extracting(RosterIssue::key).containsExactly("person.error.id-card-duplicate"));
        // And a stale preview (the number registered after it was made) imports nothing, whatever is chosen.
        assertThatThrownBy(() -> roster.importRows(first, new RosterChoices(Map.of(), true), false))
                .isInstanceOf(DomainException.class).hasMessage("roster.error.stale");
        assertThat(countIn(qingzhouCounty)).isEqualTo(1);
    }

    @Test
    @WithUserDetails("organizer")
    void text_is_cleaned_and_read_as_people_write_it() {
        String id = Rosters.idCard(Gender.F, LocalDate.of(1975, 3, 8));
        String fullWidthId = toFullWidth(id.substring(0, 6)) + " " + id.substring(6, 14) + " " + id.substring(14).toLowerCase();
        byte[] file = Rosters.xlsx(List.of(
                row("  许　清 ", "女性", "回族", "1975年3月8日", fullWidthId, "１３９ 1234 5678", "Xu@Example.CN",
                        " " + qingzhouCounty.name() + " ", "华侨、归侨及侨眷、党外知识分子", "九三学社", "教授", "是"),
                row("何明", null, null, LocalDate.of(1980, 1, 2), Rosters.idCard(Gender.M, LocalDate.of(1980, 1, 2)),
                        13912345678L, null, qingzhouCounty.name(), "无党派人士,其他", "中国民主同盟(民盟)", null, "否")));

        RosterPreview preview = roster.preview("messy.xlsx", file);

        assertThat(preview.badRows()).isEmpty();
        PersonData xu = preview.goodRows().get(0).data();
        assertThat(xu.name()).isEqualTo("许 清");
        assertThat(xu.idCard()).isEqualTo(id);
        assertThat(xu.phone()).isEqualTo("13912345678");
        assertThat(xu.email()).isEqualTo("xu@example.cn");
        assertThat(xu.gender()).isEqualTo(Gender.F);
        assertThat(xu.birthDate()).isEqualTo(LocalDate.of(1975, 3, 8));
        assertThat(xu.representative()).isTrue();
        assertThat(preview.goodRows().get(0).sectorNames()).isEqualTo("党外知识分子、华侨、归侨及侨眷");
        assertThat(preview.goodRows().get(0).partyName()).isEqualTo("九三学社");
        PersonData he = preview.goodRows().get(1).data();
        assertThat(he.gender()).as("taken from the ID number").isEqualTo(Gender.M);
        assertThat(he.phone()).isEqualTo("13912345678");
        assertThat(he.sectorIds()).hasSize(2);
        assertThat(preview.goodRows().get(1).partyName()).isEqualTo("民盟");
    }

    @Test
    @WithUserDetails("organizer")
    void unknown_values_are_reported_per_column() {
        byte[] file = Rosters.xlsx(List.of(
                row("吕一", "未知", null, "1980-13-45", null, "12345", "not-an-email", qingzhouCounty.name(),
                        "民主党派成员、火星人", "民主党", null, "也许")));
        RosterProblem p = roster.preview("unknown.xlsx", file).badRows().get(0);
        assertThat(p.issues()).extracting(RosterIssue::key).containsExactlyInAnyOrder(
                "roster.error.gender", "roster.error.date", "person.error.phone", "person.error.email",
                "roster.error.sector-unknown", "roster.error.party-unknown", "roster.error.yes-no");
        assertThat(p.message(Translations.CHINESE)).contains("无法识别的统战对象类别：火星人");
    }

    @Test
    @WithUserDetails("organizer")
    void a_unit_name_used_twice_is_asked_once_unless_the_row_names_its_parent() {
        String name = Rosters.unique("城关统战部");
        UnitRef inQingzhou = Rosters.newUnit(units, "青州市委统战部", name, UnitKind.COUNTY);
        UnitRef inYunzhou = Rosters.newUnit(units, "云州市委统战部", name, UnitKind.COUNTY);
        RosterPreview preview = roster.preview("twins.xlsx", Rosters.xlsx(List.of(
                person("施一", Gender.M, name), person("张二", Gender.F, "青州市委统战部/" + name), person("施三", Gender.M, name))));
        assertThat(preview.badRows()).isEmpty();
        assertThat(preview.goodRows()).extracting(RosterRow::unitToConfirm).containsExactly(name, null, name);
        assertThat(preview.goodRows().get(1).data().unitId()).isEqualTo(inQingzhou.id());
        assertThat(preview.unitMatches()).singleElement().satisfies(m -> {
            assertThat(m.rows()).isEqualTo(2);
            assertThat(m.candidates()).extracting(UnitRef::id).containsExactlyInAnyOrder(inQingzhou.id(), inYunzhou.id());
            assertThat(m.proposal()).as("two alike: the organizer chooses").isNull();
        });

        RosterImportResult result = roster.importRows(preview, new RosterChoices(Map.of(name, inYunzhou.id()), false), false);

        assertThat(result).isEqualTo(new RosterImportResult(3, 0, 0, 0));
        assertThat(namesIn(inYunzhou)).containsExactlyInAnyOrder("施一", "施三");
        assertThat(namesIn(inQingzhou)).containsExactly("张二");
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_unit_name_used_twice_is_unique_within_a_city_organizers_scope() {
        String name = Rosters.unique("城关统战部");
        UnitRef inQingzhou = Rosters.newUnit(units, "青州市委统战部", name, UnitKind.COUNTY);
        Rosters.newUnit(units, "云州市委统战部", name, UnitKind.COUNTY);
        RosterPreview preview = roster.preview("twins.xlsx", Rosters.xlsx(List.of(person("孔一", Gender.M, name))));
        assertThat(preview.goodRows()).extracting(r -> r.data().unitId()).containsExactly(inQingzhou.id());
    }

    @Test
    @WithUserDetails("organizer")
    void files_that_are_not_rosters_are_refused_in_words() {
        assertThatThrownBy(() -> roster.preview("x.xlsx", "not a workbook".getBytes()))
                .isInstanceOf(DomainException.class).hasMessage("roster.error.unreadable");
        assertThatThrownBy(() -> roster.preview("x.xlsx", Rosters.sheet(List.of(row("名字", "电话")))))
                .isInstanceOf(DomainException.class).hasMessage("roster.error.missing-columns");
        assertThatThrownBy(() -> roster.preview("x.xlsx", Rosters.xlsx(List.of())))
                .isInstanceOf(DomainException.class).hasMessage("roster.error.empty");
    }

    @Test
    @WithUserDetails("organizer")
    void columns_are_found_by_header_in_any_order_and_either_language() {
        byte[] file = Rosters.sheet(List.of(
                row("Unit", "Sectors", "*Name", "ID number", "代表人士（是/否）"),
                row(qingzhouCounty.name(), "其他", "柏一", Rosters.idCard(Gender.M), "是")));
        RosterPreview preview = roster.preview("english.xlsx", file);
        assertThat(preview.badRows()).isEmpty();
        assertThat(preview.goodRows().get(0).data().name()).isEqualTo("柏一");
        assertThat(preview.goodRows().get(0).data().representative()).isTrue();
    }

    @Test
    @WithUserDetails("organizer")
    void a_title_above_the_header_is_passed_over_and_row_numbers_stay_excels() {
        List<List<?>> rows = new ArrayList<>();
        rows.add(row("2026 年度统战对象名册"));
        rows.add(row());
        rows.add(new ArrayList<>(Rosters.HEADERS));
        rows.add(row("曹一", "男", null, null, Rosters.idCard(Gender.M), null, null, qingzhouCounty.name(), "其他", null, null, null));
        rows.add(row("严二", "男", null, null, "110", null, null, qingzhouCounty.name(), "其他", null, null, null));
        RosterPreview preview = roster.preview("titled.xlsx", Rosters.sheet(rows));
        assertThat(preview.goodRows()).extracting(RosterRow::rowNumber).containsExactly(4);
        assertThat(preview.badRows()).extracting(RosterProblem::rowNumber).containsExactly(5);
    }

    @Test
    @WithUserDetails("qingzhou")
    void the_template_has_the_chinese_headers_and_lists_the_callers_units() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        roster.writeTemplate(out);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheets = wb.getSheets().toList();
            var header = sheets.get(0).read().get(0);
            List<String> headers = new ArrayList<>();
            for (int c = 0; c < header.getCellCount(); c++) {
                headers.add(header.getCellText(c));
            }
            assertThat(headers).isEqualTo(Rosters.HEADERS);
            String help = sheets.get(1).read().stream().map(r -> r.getOptionalCell(2).map(c -> c.getText()).orElse("")).collect(Collectors.joining("|"));
            assertThat(help).contains("青州市委统战部", qingzhouCounty.name()).doesNotContain("云州市委统战部");
        }
    }

    @Test
    @WithUserDetails("organizer")
    void ten_thousand_rows_import_in_one_go_and_again_as_updates() {
        String shortName = Rosters.unique("万人测试单位");
        UnitRef unit = Rosters.newUnit(units, "江川省委统战部", "江川省" + shortName, UnitKind.MEMBER);
        // Other tests add (and deactivate) sectors of their own: use the active ones.
        List<ReferenceItem> sectors = reference.sectors().stream().filter(ReferenceItem::active).toList();
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Gender g = i % 2 == 0 ? Gender.M : Gender.F;
            // Every tenth row writes the unit short, every hundredth the gender wrong: forgiven, not refused.
            String gender = (g == Gender.M) == (i % 100 != 7) ? "男" : "女";
            rows.add(row("测试" + i, gender, "汉族", null, Rosters.idCard(g), "138" + String.format("%08d", i),
                    "p" + i + "@example.cn", i % 10 == 3 ? shortName : unit.name(), sectors.get(i % sectors.size()).name() + "、其他",
                    i % 3 == 0 ? "民进" : null, "职务" + i, i % 4 == 0 ? "是" : "否"));
        }
        byte[] file = Rosters.xlsx(rows);
        RosterChoices mapped = new RosterChoices(Map.of(shortName, unit.id()), true);

        long t0 = System.nanoTime();
        RosterPreview preview = roster.preview("ten-thousand.xlsx", file);
        long t1 = System.nanoTime();
        RosterImportResult result = roster.importRows(preview, mapped, false);
        long t2 = System.nanoTime();
        RosterPreview again = roster.preview("ten-thousand.xlsx", file);
        long t3 = System.nanoTime();
        RosterImportResult updated = roster.importRows(again, mapped, false);
        long t4 = System.nanoTime();

        log.info("10,000-row roster ({} KB): preview {} ms, import {} ms; as updates: preview {} ms, import {} ms",
                file.length / 1024, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        assertThat(preview.badRows()).isEmpty();
        assertThat(preview.unitMatches()).singleElement().satisfies(m -> {
            assertThat(m.rows()).isEqualTo(1_000);
            assertThat(m.proposal()).isEqualTo(unit);
        });
        assertThat(preview.rowsWithWarnings()).hasSize(100);
        assertThat(result.imported()).isEqualTo(10_000);
        assertThat(countIn(unit)).isEqualTo(10_000);
        long withTwoSectors = admin(() -> people.count(new PersonQuery(null, unit.id(),
                sectors.stream().filter(s -> s.name().equals("其他")).findFirst().orElseThrow().id(), null, null, null)));
        assertThat(withTwoSectors).isEqualTo(10_000);
        assertThat(again.registeredCount()).isEqualTo(10_000);
        assertThat(updated).isEqualTo(new RosterImportResult(0, 10_000, 0, 0));
        assertThat(countIn(unit)).isEqualTo(10_000);
    }

    // --- what real offices send ---

    @Test
    @WithUserDetails("organizer")
    void a_short_unit_name_is_proposed_and_one_confirmation_maps_every_row_writing_it() {
        // As offices write it: 省委统战部 for 江川省委统战部, 中共…/统一战线工作部 for the register's 统战部.
        RosterPreview province = roster.preview("short.xlsx", Rosters.xlsx(List.of(
                person("鲁一", Gender.M, "省委统战部"), person("鲁二", Gender.F, "中共江川省委统一战线工作部"))));
        UnitRef jiangchuan = Rosters.unit(units, "江川省委统战部");
        assertThat(province.unitMatches()).extracting(RosterUnitMatch::written, RosterUnitMatch::proposal)
                .containsExactly(tuple("省委统战部", jiangchuan), tuple("中共江川省委统一战线工作部", jiangchuan));

        String shortName = qingzhouCounty.name().substring(2);    // "测试县…" for "青州测试县…"
        byte[] file = Rosters.xlsx(List.of(
                person("韦一", Gender.M, shortName), person("韦二", Gender.F, qingzhouCounty.name()), person("韦三", Gender.F, shortName)));
        RosterPreview preview = roster.preview("short.xlsx", file);

        assertThat(preview.badRows()).isEmpty();
        assertThat(preview.unitMatches()).singleElement().satisfies(m -> {
            assertThat(m.written()).isEqualTo(shortName);
            assertThat(m.rows()).isEqualTo(2);
            assertThat(m.proposal()).isEqualTo(qingzhouCounty);
        });
        assertThat(preview.writtenWith(RosterChoices.none())).isEqualTo(1);
        assertThatThrownBy(() -> roster.importRows(preview, RosterChoices.none(), false)).isInstanceOf(DomainException.class)
                .hasMessage("roster.error.has-problems");
        assertThat(countIn(qingzhouCounty)).isZero();

        RosterImportResult result = roster.importRows(preview, new RosterChoices(Map.of(shortName, qingzhouCounty.id()), false), false);

        assertThat(result).isEqualTo(new RosterImportResult(3, 0, 0, 0));
        assertThat(namesIn(qingzhouCounty)).containsExactlyInAnyOrder("韦一", "韦二", "韦三");
        List<AuditEntry> imports = admin(() -> audit.search(new AuditFilter("organizer", AuditService.IMPORT,
                PersonService.TARGET, null, null, null), 0, 1).items());
        assertThat(importArgs(imports.get(0).detail()).get(4)).contains(shortName + "→" + qingzhouCounty.name());
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_short_name_is_matched_within_the_callers_scope_only() {
        // 市委统战部 could be any of three cities; for 青州's organizer it can only be 青州市委统战部.
        RosterPreview preview = roster.preview("scope.xlsx", Rosters.xlsx(List.of(
                person("葛一", Gender.M, "市委统战部"), person("葛二", Gender.F, "省委统战部"))));
        assertThat(preview.unitMatches()).singleElement().satisfies(m -> {
            assertThat(m.written()).isEqualTo("市委统战部");
            assertThat(m.proposal()).isEqualTo(Rosters.unit(units, "青州市委统战部"));
        });
        // 省委统战部 resembles only a unit above the caller: refused, not offered.
        assertThat(preview.badRows()).singleElement().satisfies(p -> {
            assertThat(p.rowNumber()).isEqualTo(3);
            assertThat(p.issues()).extracting(RosterIssue::key).containsExactly("roster.error.unit-out-of-scope");
        });
    }

    @Test
    @WithUserDetails("organizer")
    void a_short_name_several_units_end_with_is_offered_with_all_of_them_and_no_proposal() {
        RosterPreview preview = roster.preview("several.xlsx", Rosters.xlsx(List.of(person("奚一", Gender.M, "市委统战部"))));
        assertThat(preview.unitMatches()).singleElement().satisfies(m -> {
            assertThat(m.candidates()).extracting(UnitRef::name).contains("青州市委统战部", "云州市委统战部", "江口市委统战部");
            assertThat(m.proposal()).isNull();
        });
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_mapping_to_a_unit_outside_the_callers_scope_is_refused_and_writes_nothing() {
        String shortName = qingzhouCounty.name().substring(2);
        RosterPreview preview = roster.preview("forged.xlsx", Rosters.xlsx(List.of(person("范一", Gender.M, shortName))));
        assertThat(preview.unitMatches()).singleElement().extracting(RosterUnitMatch::proposal).isEqualTo(qingzhouCounty);

        assertThatThrownBy(() -> roster.importRows(preview, new RosterChoices(Map.of(shortName, yunzhouCounty.id()), false), false))
                .isInstanceOf(DomainException.class).hasMessage("roster.error.unit-out-of-scope");
        assertThat(countIn(yunzhouCounty)).isZero();
        assertThat(countIn(qingzhouCounty)).isZero();
    }

    @Test
    @WithUserDetails("organizer")
    void a_gender_or_birth_date_the_id_number_contradicts_is_taken_from_the_number_with_a_warning() {
        String man = Rosters.idCard(Gender.M, LocalDate.of(1975, 3, 8));
        String woman = Rosters.idCard(Gender.F, LocalDate.of(1980, 1, 2));
        byte[] file = Rosters.xlsx(List.of(
                row("苗一", "女", null, "1975-03-09", man, null, null, qingzhouCounty.name(), "其他", null, null, null),
                row("苗二", "未知", null, "不详", woman, null, null, qingzhouCounty.name(), "其他", null, null, null),
                row("苗三", "男", null, LocalDate.of(1975, 3, 8), Rosters.idCard(Gender.M, LocalDate.of(1975, 3, 8)), null, null,
                        qingzhouCounty.name(), "其他", null, null, null)));

        RosterPreview preview = roster.preview("slips.xlsx", file);

        assertThat(preview.badRows()).isEmpty();
        assertThat(preview.goodRows()).extracting(r -> r.data().gender()).containsExactly(Gender.M, Gender.F, Gender.M);
        assertThat(preview.goodRows()).extracting(r -> r.data().birthDate())
                .containsExactly(LocalDate.of(1975, 3, 8), LocalDate.of(1980, 1, 2), LocalDate.of(1975, 3, 8));
        assertThat(preview.rowsWithWarnings()).extracting(RosterRow::rowNumber).containsExactly(2, 3);
        RosterRow first = preview.goodRows().getFirst();
        assertThat(first.warnings()).extracting(RosterIssue::key)
                .containsExactly("roster.warning.gender-from-id", "roster.warning.birth-date-from-id");
        assertThat(first.warnings().get(0).message(Translations.CHINESE)).isEqualTo("性别：所填性别“女”与身份证号不符，已按身份证号登记。");
        assertThat(first.warnings().get(1).message(Translations.CHINESE))
                .isEqualTo("出生日期：所填出生日期“1975-03-09”与身份证号不符，已按身份证号登记为 1975-03-08。");

        assertThat(roster.importRows(preview, RosterChoices.none(), false).imported()).isEqualTo(3);
        List<PersonRow> rows = admin(() -> people.search(new PersonQuery("苗一", qingzhouCounty.id(), null, null, null, null), 0, 5).items());
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.gender()).isEqualTo(Gender.M);
            assertThat(r.birthYear()).isEqualTo(1975);
        });
    }

    @Test
    @WithUserDetails("organizer")
    void the_database_refuses_a_gender_or_birth_date_the_id_number_contradicts() {
        String id = Rosters.idCard(Gender.M, LocalDate.of(1970, 5, 6));
        roster.importRows(roster.preview("db.xlsx", Rosters.xlsx(List.of(
                row("骆一", "男", null, null, id, null, null, qingzhouCounty.name(), "其他", null, null, null)))), RosterChoices.none(), false);
        assertThatThrownBy(() -> jdbc.update("update person set gender = 'F' where id_card = ?", id))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("person_gender_from_id_card");
        assertThatThrownBy(() -> jdbc.update("update person set birth_date = date '1970-05-07' where id_card = ?", id))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("person_birth_date_from_id_card");
        assertThat(jdbc.queryForObject("select gender from person where id_card = ?", String.class, id)).isEqualTo("M");
    }

    @Test
    @WithUserDetails("organizer")
    void a_person_already_registered_is_updated_or_left_as_the_organizer_chooses() {
        String id = Rosters.idCard(Gender.F);
        roster.importRows(roster.preview("first.xlsx", Rosters.xlsx(List.of(
                row("柳 清", "女", "汉族", null, id, "13900000001", "liu@example.cn", qingzhouCounty.name(), "其他", "民盟", "教授", "是")))), RosterChoices.none(), false);
        // A later roster of the same person, spelled without the space, moved to 云州, a cell left blank.
        byte[] later = Rosters.xlsx(List.of(
                row("柳清", "女", null, null, id, "13900000002", null, yunzhouCounty.name(), "无党派人士", null, "院长", null),
                person("柳二", Gender.M, yunzhouCounty.name())));

        RosterPreview preview = roster.preview("later.xlsx", later);
        assertThat(preview.badRows()).isEmpty();
        assertThat(preview.registeredCount()).isEqualTo(1);
        assertThat(preview.goodRows()).extracting(RosterRow::registered).containsExactly(true, false);

        // Skipped: the registered record stays as it was.
        RosterImportResult skipped = roster.importRows(preview, RosterChoices.none(), false);
        assertThat(skipped).isEqualTo(new RosterImportResult(1, 0, 1, 0));
        assertThat(namesIn(qingzhouCounty)).containsExactly("柳 清");

        // Updated: what the row fills in is written, a blank cell keeps what was registered.
        RosterPreview again = roster.preview("later.xlsx", Rosters.xlsx(List.of(
                row("柳清", "女", null, null, id, "13900000002", null, yunzhouCounty.name(), "无党派人士", null, "院长", null))));
        RosterImportResult updated = roster.importRows(again, new RosterChoices(Map.of(), true), false);
        assertThat(updated).isEqualTo(new RosterImportResult(0, 1, 0, 0));
        assertThat(countIn(qingzhouCounty)).isZero();
        PersonRow liu = admin(() -> people.search(new PersonQuery("柳", yunzhouCounty.id(), null, null, null, null), 0, 5).items())
                .stream().filter(r -> r.name().equals("柳 清")).findFirst().orElseThrow();
        assertThat(liu.phone()).isEqualTo("13900000002");
        assertThat(liu.position()).isEqualTo("院长");
        assertThat(liu.sectors()).isEqualTo("无党派人士");
        assertThat(liu.representative()).as("blank: kept").isTrue();
        assertThat(liu.partyName()).as("blank: kept").isEqualTo("民盟");
        List<AuditEntry> imports = admin(() -> audit.search(new AuditFilter("organizer", AuditService.IMPORT,
                PersonService.TARGET, null, null, null), 0, 1).items());
        assertThat(importArgs(imports.get(0).detail()).get(2)).isEqualTo("1");
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_person_registered_outside_the_callers_scope_is_not_theirs_to_update() {
        String id = Rosters.idCard(Gender.M);
        SystemCaller.runAsSystem(() -> roster.importRows(roster.preview("yz.xlsx", Rosters.xlsx(List.of(
                row("邬一", "男", null, null, id, null, null, yunzhouCounty.name(), "其他", null, null, null)))), RosterChoices.none(), false));

        RosterPreview preview = roster.preview("qz.xlsx", Rosters.xlsx(List.of(
                row("邬一", "男", null, null, id, null, null, qingzhouCounty.name(), "其他", null, null, null))));

        assertThat(preview.badRows()).singleElement().satisfies(p ->
                assertThat(p.issues()).extracting(RosterIssue::key).containsExactly("roster.error.registered-elsewhere"));
        assertThat(countIn(yunzhouCounty)).isEqualTo(1);
    }

    private static String breakChecksum(String id) {
        char last = id.charAt(17);
        return id.substring(0, 17) + (last == '0' ? '1' : '0');
    }

    private static String toFullWidth(String digits) {
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            sb.append((char) (c + 0xFEE0));
        }
        return sb.toString();
    }

    private static <T> T admin(java.util.function.Supplier<T> work) {
        Object[] result = new Object[1];
        SystemCaller.runAsSystem(() -> result[0] = work.get());
        @SuppressWarnings("unchecked") T t = (T) result[0];
        return t;
    }

    /** The audit entry of an import: added, rows, updated, unchanged, units mapped, rows left out. */
    private static List<String> importArgs(String detail) {
        var parsed = cn.tongxin.audit.AuditDetail.parse(detail).orElseThrow();
        assertThat(parsed.key()).isEqualTo("roster.imported");
        return java.util.Arrays.stream(parsed.args()).map(String::valueOf).toList();
    }
}
