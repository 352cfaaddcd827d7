package cn.tongxin.people;

import cn.tongxin.IntegrationTest;
import cn.tongxin.audit.AuditEntry;
import cn.tongxin.audit.AuditFilter;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.Page;
import cn.tongxin.security.SystemCaller;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may read, change, reveal and export whose record: the unit scope (分级管理) in the service. */
@IntegrationTest
class PersonAccessTest {

    @Autowired
    PersonService people;
    @Autowired
    UnitService units;
    @Autowired
    ReferenceDataService reference;
    @Autowired
    RosterExportService export;
    @Autowired
    AuditService audit;

    long yunzhouPerson;
    long qingzhouPerson;
    String yunzhouName;
    String qingzhouName;

    @BeforeEach
    void people_in_two_cities() {
        yunzhouName = Rosters.unique("云测");
        qingzhouName = Rosters.unique("青测");
        yunzhouPerson = Rosters.newPerson(people, reference, yunzhouName, Rosters.unit(units, "白石县委统战部").id());
        qingzhouPerson = Rosters.newPerson(people, reference, qingzhouName, Rosters.unit(units, "青山区委统战部").id());
    }

    @Test
    @WithUserDetails("qingzhou")
    void city_organizer_cannot_read_a_person_of_another_city() {
        assertThatThrownBy(() -> people.get(yunzhouPerson)).isInstanceOf(AccessDeniedException.class);
        assertThat(people.get(qingzhouPerson).data().name()).isEqualTo(qingzhouName);
        assertThat(people.search(new PersonQuery(yunzhouName, null, null, null, null, null), 0, 10).total()).isZero();
    }

    @Test
    @WithUserDetails("qingzhou")
    void city_organizer_cannot_change_a_person_of_another_city() {
        PersonDetail before = admin(() -> people.get(yunzhouPerson));
        PersonData changed = withPosition(before, "改过的职务");
        assertThatThrownBy(() -> people.update(yunzhouPerson, before.version(), changed))
                .isInstanceOf(AccessDeniedException.class);
        // Nor move someone of their own city into the other one.
        PersonDetail own = people.get(qingzhouPerson);
        PersonData moved = withUnit(own, Rosters.unit(units, "白石县委统战部").id());
        assertThatThrownBy(() -> people.update(qingzhouPerson, own.version(), moved))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(admin(() -> people.get(yunzhouPerson)).data().position()).isEqualTo("教授");
    }

    @Test
    @WithUserDetails("organizer")
    void province_organizer_reads_and_changes_people_of_every_city() {
        PersonDetail before = people.get(yunzhouPerson);
        people.update(yunzhouPerson, before.version(), withPosition(before, "副主任"));
        assertThat(people.get(yunzhouPerson).data().position()).isEqualTo("副主任");
        assertThat(people.get(qingzhouPerson).data().name()).isEqualTo(qingzhouName);
    }

    @Test
    @WithUserDetails("trainee")
    void trainee_reads_own_record_but_no_one_else() {
        PersonDetail mine = people.myRecord();
        assertThat(mine.username()).isEqualTo("trainee");
        assertThat(people.get(mine.id()).id()).isEqualTo(mine.id());
        assertThatThrownBy(() -> people.get(qingzhouPerson)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> people.search(PersonQuery.all(), 0, 10)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("organizer")
    void organizer_may_not_reveal_an_id_number() {
        assertThatThrownBy(() -> people.revealIdCard(qingzhouPerson)).isInstanceOf(AccessDeniedException.class);
        assertThat(people.get(qingzhouPerson).maskedIdCard()).contains("********");
    }

    @Test
    @WithUserDetails("admin")
    void admin_reveals_an_id_number_and_the_reveal_is_logged() {
        String number = people.revealIdCard(qingzhouPerson);
        assertThat(IdCard.isValid(number)).isTrue();
        Page<AuditEntry> log = audit.search(new AuditFilter("admin", AuditService.REVEAL_ID, PersonService.TARGET,
                qingzhouPerson, null, null), 0, 10);
        assertThat(log.items()).hasSize(1);
        assertThat(log.items().get(0).targetLabel()).isEqualTo(qingzhouName);
    }

    @Test
    @WithUserDetails("organizer")
    void a_change_from_a_stale_version_is_refused_and_changes_nothing() {
        PersonDetail opened = people.get(qingzhouPerson);
        people.update(qingzhouPerson, opened.version(), withPosition(opened, "第一次修改"));
        assertThatThrownBy(() -> people.update(qingzhouPerson, opened.version(), withPosition(opened, "第二次修改")))
                .isInstanceOf(ObjectOptimisticLockingFailureException.class);
        PersonDetail now = people.get(qingzhouPerson);
        assertThat(now.data().position()).isEqualTo("第一次修改");
        assertThat(now.version()).isEqualTo(opened.version() + 1);
    }

    @Test
    @WithUserDetails("organizer")
    void unchanged_masked_id_number_keeps_the_real_one() {
        String real = admin(() -> people.revealIdCard(qingzhouPerson));
        PersonDetail opened = people.get(qingzhouPerson);
        assertThat(opened.data().idCard()).isEqualTo(IdCard.mask(real));
        people.update(qingzhouPerson, opened.version(), withPosition(opened, "研究员"));
        assertThat(admin(() -> people.revealIdCard(qingzhouPerson))).isEqualTo(real);
    }

    @Test
    @WithUserDetails("qingzhou")
    void city_organizer_exports_only_their_city_with_masked_id_numbers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = export.export(PersonQuery.all(), Locale.SIMPLIFIED_CHINESE, out);

        List<Row> rows = read(out.toByteArray());
        assertThat(cell(rows.get(0), 0)).isEqualTo("姓名");
        List<Row> data = rows.subList(1, rows.size());
        assertThat(data).hasSize(count);
        assertThat(count).isEqualTo((int) people.count(PersonQuery.all()));
        List<String> names = data.stream().map(r -> cell(r, 0)).toList();
        assertThat(names).contains(qingzhouName).doesNotContain(yunzhouName);
        int unitColumn = RosterColumn.UNIT.ordinal();
        List<String> qingzhouUnits = units.visibleUnits().stream().map(UnitRef::name).toList();
        assertThat(qingzhouUnits).contains("青州市委统战部").doesNotContain("云州市委统战部");
        assertThat(data).allSatisfy(r -> assertThat(qingzhouUnits).contains(cell(r, unitColumn)));
        int idColumn = RosterColumn.ID_CARD.ordinal();
        assertThat(data).allSatisfy(r -> assertThat(cell(r, idColumn)).matches("([0-9]{6}\\*{8}[0-9]{3}[0-9X])?"));
        assertThat(data).anySatisfy(r -> assertThat(cell(r, idColumn)).isNotEmpty());

        Page<AuditEntry> log = admin(() -> audit.search(new AuditFilter("qingzhou", AuditService.EXPORT, PersonService.TARGET,
                null, null, null), 0, 1));
        assertThat(log.items().get(0).detail()).contains("rows=" + count);
    }

    @Test
    @WithUserDetails("qingzhou")
    void export_of_another_citys_unit_is_empty() throws IOException {
        long yunzhou = Rosters.unit(units, "云州市委统战部").id();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(export.export(new PersonQuery(null, yunzhou, null, null, null, null), Locale.ENGLISH, out)).isZero();
        assertThat(read(out.toByteArray())).hasSize(1);
    }

    @Test
    @WithUserDetails("organizer")
    void province_organizer_export_filtered_by_unit_contains_that_city() throws IOException {
        long yunzhou = Rosters.unit(units, "云州市委统战部").id();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.export(new PersonQuery(yunzhouName, yunzhou, null, null, null, null), Locale.SIMPLIFIED_CHINESE, out);
        List<Row> rows = read(out.toByteArray());
        assertThat(rows).hasSize(2);
        assertThat(cell(rows.get(1), 0)).isEqualTo(yunzhouName);
        Page<AuditEntry> log = admin(() -> audit.search(new AuditFilter("organizer", AuditService.EXPORT, PersonService.TARGET,
                null, null, null), 0, 1));
        assertThat(log.items().get(0).detail()).contains("unit=云州市委统战部").contains("text=" + yunzhouName);
    }

    private static String cell(Row row, int column) {
        return row.getOptionalCell(column).map(c -> c.getText()).orElse("");
    }

    private static List<Row> read(byte[] xlsx) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return wb.getFirstSheet().read();
        }
    }

    private static PersonData withPosition(PersonDetail d, String position) {
        PersonData x = d.data();
        return new PersonData(x.name(), x.gender(), x.ethnicity(), x.birthDate(), d.maskedIdCard(), x.phone(), x.email(),
                x.unitId(), x.partyId(), x.sectorIds(), position, x.representative(), x.status());
    }

    private static PersonData withUnit(PersonDetail d, long unitId) {
        PersonData x = d.data();
        return new PersonData(x.name(), x.gender(), x.ethnicity(), x.birthDate(), d.maskedIdCard(), x.phone(), x.email(),
                unitId, x.partyId(), x.sectorIds(), x.position(), x.representative(), x.status());
    }

    private static <T> T admin(java.util.function.Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        SystemCaller.runAsSystem(() -> result.set(work.get()));
        return result.get();
    }
}
