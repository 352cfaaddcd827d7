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

        RosterImportResult result = roster.importRows(preview, false);

        assertThat(result).isEqualTo(new RosterImportResult(3, 0));
        assertThat(namesIn(qingzhouCounty)).containsExactlyInAnyOrder("赵一", "钱二", "孙三");
        List<AuditEntry> imports = admin(() -> audit.search(new AuditFilter("organizer", AuditService.IMPORT,
                PersonService.TARGET, null, null, null), 0, 1).items());
        assertThat(imports.get(0).targetLabel()).isEqualTo("good.xlsx");
        assertThat(imports.get(0).detail()).contains("imported 3 of 3 rows");
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
                person("王四", Gender.F, "没有这个统战部"),                                                   // row 5: unknown unit
                row("冯五", "女", null, null, twice, null, null, unit, "无党派人士", null, null, null),       // row 6: same ID as row 2
                person("陈六", Gender.M, unit)));                                                          // row 7

        RosterPreview preview = roster.preview("bad.xlsx", file);

        assertThat(preview.totalRows()).isEqualTo(6);
        assertThat(preview.goodRows()).extracting(RosterRow::rowNumber).containsExactly(2, 4, 7);
        Map<Integer, RosterProblem> bad = preview.badRows().stream()
                .collect(Collectors.toMap(RosterProblem::rowNumber, Function.identity()));
        assertThat(bad.keySet()).containsExactlyInAnyOrder(3, 5, 6);
        assertThat(bad.get(3).issues()).extracting(RosterIssue::key).containsExactly("person.error.id-card-invalid");
        assertThat(bad.get(5).issues()).extracting(RosterIssue::key).containsExactly("roster.error.unit-unknown");
        assertThat(bad.get(6).issues()).extracting(RosterIssue::key).containsExactly("roster.error.id-card-repeated");
        // In words, in the reader's language.
        assertThat(bad.get(3).message(Translations.CHINESE)).isEqualTo("身份证号：身份证号码不正确（校验位不符或日期无效）。");
        assertThat(bad.get(5).message(Translations.CHINESE)).isEqualTo("单位：没有名为“没有这个统战部”的单位。");
        assertThat(bad.get(6).message(Translations.CHINESE)).isEqualTo("身份证号：与本文件第 2 行的身份证号重复。");
        assertThat(bad.get(6).message(Translations.ENGLISH)).isEqualTo("ID number: Same ID number as row 2 of this file.");

        assertThatThrownBy(() -> roster.importRows(preview, false))
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
        assertThat(preview.badRows()).extracting(RosterProblem::rowNumber).containsExactly(3, 5);

        RosterImportResult result = roster.importRows(preview, true);

        assertThat(result).isEqualTo(new RosterImportResult(2, 2));
        assertThat(namesIn(qingzhouCounty)).containsExactlyInAnyOrder("褚一", "蒋三");
        List<AuditEntry> imports = admin(() -> audit.search(new AuditFilter("organizer", AuditService.IMPORT,
                PersonService.TARGET, null, null, null), 0, 1).items());
        assertThat(imports.get(0).detail()).contains("imported 2 of 4 rows").contains("skipped 2 bad rows: 3,5");
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
                yunzhouCounty.name(), null, "")), List.of());
        assertThatThrownBy(() -> roster.importRows(forged, false))
                .isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).key()).isEqualTo("roster.error.stale"));
        assertThat(countIn(qingzhouCounty)).isZero();
        assertThat(countIn(yunzhouCounty)).isZero();
    }

    @Test
    @WithUserDetails("organizer")
    void province_organizer_imports_into_any_city() {
        RosterPreview preview = roster.preview("province.xlsx", Rosters.xlsx(List.of(person("朱一", Gender.M, yunzhouCounty.name()))));
        assertThat(roster.importRows(preview, false).imported()).isEqualTo(1);
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
    void an_id_number_already_registered_is_reported() {
        String id = Rosters.idCard(Gender.M);
        RosterPreview first = roster.preview("a.xlsx", Rosters.xlsx(List.of(
                row("尤一", "男", null, null, id, null, null, qingzhouCounty.name(), "其他", null, null, null))));
        roster.importRows(first, false);

        RosterPreview again = roster.preview("b.xlsx", Rosters.xlsx(List.of(
                row("尤一", "男", null, null, id, null, null, qingzhouCounty.name(), "其他", null, null, null))));
        assertThat(again.badRows()).singleElement().satisfies(p ->
                assertThat(p.issues()).extracting(RosterIssue::key).containsExactly("person.error.id-card-duplicate"));
        // And a stale preview (the number registered after it was made) imports nothing.
        assertThatThrownBy(() -> roster.importRows(first, false)).isInstanceOf(DomainException.class);
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
    void a_unit_name_used_twice_must_name_its_parent() {
        String name = Rosters.unique("城关统战部");
        UnitRef inQingzhou = Rosters.newUnit(units, "青州市委统战部", name, UnitKind.COUNTY);
        Rosters.newUnit(units, "云州市委统战部", name, UnitKind.COUNTY);
        RosterPreview preview = roster.preview("twins.xlsx", Rosters.xlsx(List.of(
                person("施一", Gender.M, name), person("张二", Gender.F, "青州市委统战部/" + name))));
        assertThat(preview.badRows()).singleElement().satisfies(p -> {
            assertThat(p.rowNumber()).isEqualTo(2);
            assertThat(p.issues()).extracting(RosterIssue::key).containsExactly("roster.error.unit-ambiguous");
            assertThat(p.message(Translations.CHINESE)).contains("/" + name);
        });
        assertThat(preview.goodRows()).extracting(r -> r.data().unitId()).containsExactly(inQingzhou.id());
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
    void ten_thousand_rows_import_in_one_go() {
        UnitRef unit = Rosters.newUnit(units, "江川省委统战部", Rosters.unique("万人测试单位"), UnitKind.MEMBER);
        // Other tests add (and deactivate) sectors of their own: use the active ones.
        List<ReferenceItem> sectors = reference.sectors().stream().filter(ReferenceItem::active).toList();
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Gender g = i % 2 == 0 ? Gender.M : Gender.F;
            rows.add(row("测试" + i, g == Gender.M ? "男" : "女", "汉族", null, Rosters.idCard(g), "138" + String.format("%08d", i),
                    "p" + i + "@example.cn", unit.name(), sectors.get(i % sectors.size()).name() + "、其他", i % 3 == 0 ? "民进" : null,
                    "职务" + i, i % 4 == 0 ? "是" : "否"));
        }
        byte[] file = Rosters.xlsx(rows);

        long t0 = System.nanoTime();
        RosterPreview preview = roster.preview("ten-thousand.xlsx", file);
        long t1 = System.nanoTime();
        RosterImportResult result = roster.importRows(preview, false);
        long t2 = System.nanoTime();

        log.info("10,000-row roster ({} KB): preview {} ms, import {} ms", file.length / 1024,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        assertThat(preview.badRows()).isEmpty();
        assertThat(result.imported()).isEqualTo(10_000);
        assertThat(countIn(unit)).isEqualTo(10_000);
        long withTwoSectors = admin(() -> people.count(new PersonQuery(null, unit.id(),
                sectors.stream().filter(s -> s.name().equals("其他")).findFirst().orElseThrow().id(), null, null, null)));
        assertThat(withTwoSectors).isEqualTo(10_000);
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
}
