package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Translations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LectureCatalogueTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    @Autowired LectureCatalogue catalogue;
    @Autowired LectureService lectures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired LectureFixtures fixtures;
    @Autowired LectureChoices choices;
    @Autowired LectureReports reports;

    @BeforeEach
    void signIn() {
        users.signIn("organizer");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** A small but real-looking PDF: what matters is that it starts as a PDF does. */
    static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

    private long provinceId() {
        return jdbc.sql("select id from unit where parent_id is null").query(Long.class).single();
    }

    private long unitOf(String account) {
        return jdbc.sql("select unit_id from account where username = :u").param("u", account).query(Long.class).single();
    }

    private long otherCity() {
        return jdbc.sql("select id from unit where kind = 'CITY' and id <> :q order by id limit 1").param("q", unitOf("qingzhou"))
                .query(Long.class).single();
    }

    private long topic(String title, long unit) {
        return catalogue.createTopic(new TopicData(title, "简介", unit, LocalDate.now().minusDays(1), LocalDate.now().plusDays(90),
                true, BigDecimal.valueOf(2)));
    }

    @Test
    void a_pdf_is_kept_with_its_sha256_and_downloads_as_the_same_bytes() throws Exception {
        long topic = topic("资料下载 " + System.nanoTime(), provinceId());
        byte[] content = pdf("三中全会精神");

        long id = catalogue.addMaterial(topic, "讲稿.pdf", content);

        MaterialRow row = catalogue.materials(topic).getFirst();
        assertThat(row.id()).isEqualTo(id);
        assertThat(row.fileName()).isEqualTo("讲稿.pdf");
        assertThat(row.contentType()).isEqualTo("application/pdf");
        assertThat(row.sizeBytes()).isEqualTo(content.length);
        assertThat(row.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        MaterialFile file = catalogue.download(id);
        assertThat(file.content()).isEqualTo(content);
        assertThat(file.fileName()).isEqualTo("讲稿.pdf");
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(catalogue.topic(topic).materialCount()).isEqualTo(1);
    }

    @Test
    void office_documents_and_images_are_accepted_when_their_bytes_match_the_extension() {
        long topic = topic("各类资料 " + System.nanoTime(), provinceId());
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 6, 0};
        byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0};
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10};

        catalogue.addMaterial(topic, "课件.PPTX", zip);
        catalogue.addMaterial(topic, "讲稿.doc", ole);
        catalogue.addMaterial(topic, "合影.jpg", jpeg);
        catalogue.addMaterial(topic, "图表.png", PNG);

        assertThat(catalogue.materials(topic)).extracting(MaterialRow::contentType).containsExactlyInAnyOrder(
                "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/msword",
                "image/jpeg", "image/png");
    }

    @Test
    void a_pdf_name_on_a_png_or_on_plain_text_is_refused_with_a_message_that_names_the_file() {
        long topic = topic("假冒资料 " + System.nanoTime(), provinceId());

        assertThatThrownBy(() -> catalogue.addMaterial(topic, "讲稿.pdf", PNG)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.key()).isEqualTo("lecture.catalogue.error.file-content");
            assertThat(Translations.get(Translations.CHINESE, e.key(), e.args()))
                    .isEqualTo("“讲稿.pdf”未上传：文件内容不是 PDF 文件（类型按内容检查，而不只看扩展名）。请上传真正的 PDF 文件。");
        });
        assertThatThrownBy(() -> catalogue.addMaterial(topic, "notes.pdf", "just some text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.file-content"));
        // A docx is a zip: an old Word file renamed .docx is refused too.
        assertThatThrownBy(() -> catalogue.addMaterial(topic, "a.docx", new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
                (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1})).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> catalogue.addMaterial(topic, "setup.exe", pdf("x")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.file-type"));
        assertThatThrownBy(() -> catalogue.addMaterial(topic, "empty.pdf", new byte[0]))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.file-empty"));
        assertThat(catalogue.materials(topic)).isEmpty();
    }

    @Test
    void a_file_over_20_mb_is_refused_and_the_database_refuses_it_too() {
        long topic = topic("大文件 " + System.nanoTime(), provinceId());
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy(pdf("x"), 0, big, 0, 5);

        assertThatThrownBy(() -> catalogue.addMaterial(topic, "big.pdf", big)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.key()).isEqualTo("lecture.catalogue.error.file-too-large");
            assertThat(Translations.get(Translations.CHINESE, e.key(), e.args())).contains("20 MB");
        });
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into lecture_material (topic_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
                        values (:t, 'big.pdf', 'application/pdf', 20971521, repeat('0', 64), '\\x00', 'test')""")
                .param("t", topic).update()).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(catalogue.materials(topic)).isEmpty();
    }

    @Test
    void a_hostile_file_name_is_kept_as_typed_but_sent_in_the_download_header_without_quotes_or_line_breaks() {
        long topic = topic("文件名 " + System.nanoTime(), provinceId());
        String name = "C:\\x\\" + HOSTILE + "\"\r\nSet-Cookie: a=b;.pdf";
        long id = catalogue.addMaterial(topic, "  " + name + " ", pdf("x"));

        MaterialFile file = catalogue.download(id);
        assertThat(file.fileName()).isEqualTo(name);
        assertThat(file.downloadName()).doesNotContain("\"", "\r", "\n", "/", "\\", ";").endsWith(".pdf")
                .contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void deleting_a_material_removes_it() {
        long topic = topic("删除资料 " + System.nanoTime(), provinceId());
        long id = catalogue.addMaterial(topic, "a.pdf", pdf("a"));

        catalogue.deleteMaterial(id);

        assertThat(catalogue.materials(topic)).isEmpty();
        assertThatThrownBy(() -> catalogue.download(id)).isInstanceOf(DomainException.class);
    }

    @Test
    void a_city_organizer_reads_the_province_topic_but_cannot_change_it_or_add_to_it() {
        long topic = topic("省级主题 " + System.nanoTime(), provinceId());
        TopicRow row = catalogue.topic(topic);
        users.signIn("qingzhou");

        assertThat(catalogue.topics(false)).extracting(TopicRow::id).contains(topic);
        assertThat(catalogue.topic(topic).manageable()).isFalse();
        assertThatThrownBy(() -> catalogue.updateTopic(topic, row.version(), row.data())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.addMaterial(topic, "a.pdf", pdf("a"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.createTopic(new TopicData("越权", null, provinceId(), LocalDate.now(), LocalDate.now(),
                false, null))).isInstanceOf(AccessDeniedException.class);
        // Their own city's topic they manage.
        long own = topic("青州主题 " + System.nanoTime(), unitOf("qingzhou"));
        assertThat(catalogue.topic(own).manageable()).isTrue();
    }

    @Test
    void a_city_organizer_sees_the_province_venues_and_their_own_but_not_another_citys() {
        String tag = String.valueOf(System.nanoTime());
        long province = catalogue.createVenue(new VenueData("省会场 " + tag, "省府路 1 号", 300, provinceId(), true));
        long other = catalogue.createVenue(new VenueData("他市会场 " + tag, null, 100, otherCity(), true));
        users.signIn("qingzhou");
        long own = catalogue.createVenue(new VenueData("青州会场 " + tag, null, 80, unitOf("qingzhou"), true));

        assertThat(catalogue.venues()).extracting(VenueRow::id).contains(province, own).doesNotContain(other);
        VenueRow p = catalogue.venues().stream().filter(v -> v.id() == province).findFirst().orElseThrow();
        assertThat(p.manageable()).isFalse();
        assertThatThrownBy(() -> catalogue.updateVenue(province, p.version(), p.data())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.updateVenue(other, 0, new VenueData("改名", null, 1, otherCity(), true)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_administrator_reads_and_manages_every_units_catalogue() {
        LectureFixtures.Setup s = fixtures.setup("admin-" + System.nanoTime());
        users.signIn("admin");
        long venue = catalogue.createVenue(new VenueData("管理员会场 " + System.nanoTime(), null, 10, otherCity(), true));
        long group = catalogue.createGroup(new GroupData("管理员宣讲团 " + System.nanoTime(), otherCity(), null, Set.of(s.lecturerId())));

        assertThat(catalogue.venues()).extracting(VenueRow::id).contains(venue);
        assertThat(catalogue.groups()).extracting(GroupRow::id).contains(group);
        assertThat(choices.lecturers(java.util.Set.of())).extracting(o -> o.id()).contains(s.lecturerId());
        assertThat(catalogue.lecturerRows()).extracting(LecturerRow::personId).contains(s.lecturerId());
        assertThat(catalogue.topics(false)).extracting(TopicRow::id).contains(s.topicId());
        assertThat(catalogue.topic(s.topicId()).manageable()).isTrue();
    }

    @Test
    void a_trainee_can_neither_manage_nor_read_the_catalogue() {
        long topic = topic("学员不可见 " + System.nanoTime(), provinceId());
        users.signIn("trainee");

        assertThatThrownBy(() -> catalogue.createTopic(new TopicData("x", null, provinceId(), LocalDate.now(), LocalDate.now(),
                false, null))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.createVenue(new VenueData("x", null, 1, provinceId(), true)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.addMaterial(topic, "a.pdf", pdf("a"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.topics(false)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> catalogue.venues()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_trainee_cannot_download_a_material_of_a_topic_they_do_not_lecture_on() {
        long topic = topic("不可下载 " + System.nanoTime(), provinceId());
        long id = catalogue.addMaterial(topic, "a.pdf", pdf("a"));
        users.signIn("trainee");

        assertThatThrownBy(() -> catalogue.download(id)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void making_a_person_a_lecturer_gives_their_account_the_lecturer_role() {
        long person = users.newTrainee("lecturer-to-be-" + System.nanoTime());

        catalogue.addLecturer(person, new LecturerData("  理论政策 ", "  从事统战理论研究二十年。 ", true));

        assertThat(jdbc.sql("select r.role from account_role r join account a on a.id = r.account_id where a.person_id = :p")
                .param("p", person).query(String.class).list()).containsExactlyInAnyOrder("TRAINEE", "LECTURER");
        LecturerRow row = catalogue.lecturerRows().stream().filter(l -> l.personId() == person).findFirst().orElseThrow();
        assertThat(row.fields()).isEqualTo("理论政策");
        assertThat(row.profile()).isEqualTo("从事统战理论研究二十年。");
        assertThat(row.hasAccount()).isTrue();
        assertThat(choices.lecturers(java.util.Set.of())).extracting(o -> o.id()).contains(person);
        assertThatThrownBy(() -> catalogue.addLecturer(person, new LecturerData(null, null, true)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.already-lecturer"));

        catalogue.updateLecturer(person, row.version(), new LecturerData(null, null, false));
        assertThat(choices.lecturers(java.util.Set.of())).extracting(o -> o.id()).doesNotContain(person);
    }

    @Test
    void a_city_organizer_cannot_make_a_province_person_a_lecturer() {
        long person = users.newTrainee("province-person-" + System.nanoTime());
        users.signIn("qingzhou");

        assertThatThrownBy(() -> catalogue.addLecturer(person, new LecturerData(null, null, true)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_group_has_its_leader_among_its_members_and_only_lecturers_as_members() {
        LectureFixtures.Setup s = fixtures.setup("group-" + System.nanoTime());
        long notALecturer = users.newTrainee("not-lecturer-" + System.nanoTime());
        String name = "省宣讲团 " + System.nanoTime();

        long id = catalogue.createGroup(new GroupData(name, provinceId(), s.lecturerId(), Set.of()));

        GroupRow g = catalogue.groups().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        assertThat(g.memberIds()).containsExactly(s.lecturerId());
        assertThat(g.leaderId()).isEqualTo(s.lecturerId());
        assertThatThrownBy(() -> catalogue.updateGroup(id, g.version(), new GroupData(name, provinceId(), null, Set.of(notALecturer))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.not-a-lecturer"));
        assertThatThrownBy(() -> catalogue.createGroup(new GroupData(name, provinceId(), null, Set.of())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.group-name-taken"));
    }

    @Test
    void hostile_text_is_kept_as_typed_in_titles_summaries_profiles_and_venue_names() {
        long topic = catalogue.createTopic(new TopicData(HOSTILE, HOSTILE, provinceId(), LocalDate.now(), LocalDate.now(), false, null));
        long venue = catalogue.createVenue(new VenueData(HOSTILE + System.nanoTime(), HOSTILE, 10, provinceId(), true));

        assertThat(catalogue.topic(topic).title()).isEqualTo(HOSTILE);
        assertThat(catalogue.topic(topic).summary()).isEqualTo(HOSTILE);
        assertThat(catalogue.venues().stream().filter(v -> v.id() == venue).findFirst().orElseThrow().address()).isEqualTo(HOSTILE);
    }

    @Test
    void texts_over_their_limit_and_a_period_ending_before_it_starts_are_refused() {
        assertThatThrownBy(() -> catalogue.createTopic(new TopicData("x".repeat(201), null, provinceId(), LocalDate.now(),
                LocalDate.now(), false, null))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.too-long"));
        assertThatThrownBy(() -> catalogue.createTopic(new TopicData("x", "y".repeat(4001), provinceId(), LocalDate.now(),
                LocalDate.now(), false, null))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> catalogue.createTopic(new TopicData("x", null, provinceId(), LocalDate.now(),
                LocalDate.now().minusDays(1), false, null))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.period"));
        assertThatThrownBy(() -> catalogue.createTopic(new TopicData("x", null, provinceId(), LocalDate.now(),
                LocalDate.now(), false, new BigDecimal("2.25")))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.hours"));
        assertThatThrownBy(() -> catalogue.createTopic(new TopicData("   ", null, provinceId(), LocalDate.now(),
                LocalDate.now(), false, null))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.title-required"));
        assertThatThrownBy(() -> catalogue.createVenue(new VenueData("v", "a".repeat(301), 10, provinceId(), true)))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> catalogue.createVenue(new VenueData("v" + System.nanoTime(), null, 0, provinceId(), true)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.key()).isEqualTo("lecture.catalogue.error.capacity"));
        assertThatThrownBy(() -> catalogue.addLecturer(users.newTrainee("long-" + System.nanoTime()),
                new LecturerData(null, "p".repeat(2001), true))).isInstanceOf(DomainException.class);
    }

    @Test
    void current_only_leaves_out_topics_whose_period_is_over() {
        long old = catalogue.createTopic(new TopicData("旧主题 " + System.nanoTime(), null, provinceId(),
                LocalDate.now().minusYears(2), LocalDate.now().minusYears(1), false, null));
        long current = topic("当前主题 " + System.nanoTime(), provinceId());

        assertThat(catalogue.topics(true)).extracting(TopicRow::id).contains(current).doesNotContain(old);
        assertThat(catalogue.topics(false)).extracting(TopicRow::id).contains(current, old);
    }

    @Test
    void a_lecturer_downloads_the_materials_of_their_lectures_and_sees_the_report_due_until_it_is_filed() {
        LectureFixtures.Setup s = fixtures.setup("due-" + System.nanoTime());
        long material = catalogue.addMaterial(s.topicId(), "讲稿.pdf", pdf("due"));
        Instant start = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        long lecture = lectures.create(s.lecture("已讲完", start, start.plus(Duration.ofHours(2)), null));
        lectures.publish(lecture, lectures.get(lecture).version());
        long account = jdbc.sql("""
                        insert into account (username, password_hash, display_name, person_id, unit_id)
                        values (:u, '!', 'x', :p, :unit) returning id""")
                .param("u", "lect-due-" + System.nanoTime()).param("p", s.lecturerId()).param("unit", s.provinceId())
                .query(Long.class).single();
        jdbc.sql("insert into account_role values (:a, 'LECTURER')").param("a", account).update();
        String username = jdbc.sql("select username from account where id = :a").param("a", account).query(String.class).single();
        users.signIn(username);

        assertThat(reports.dueForMe(10)).extracting(ReportRow::lectureId).containsExactly(lecture);
        assertThat(catalogue.myMaterials()).extracting(MaterialRow::id).contains(material);
        assertThat(catalogue.download(material).content()).isEqualTo(pdf("due"));
        assertThat(catalogue.materials(s.topicId())).extracting(MaterialRow::id).containsExactly(material);

        jdbc.sql("insert into lecture_report (lecture_id, actual_count, summary, filed_by, filed_at) values (:l, 10, '好', 'x', now())")
                .param("l", lecture).update();
        assertThat(reports.dueForMe(10)).isEmpty();
    }
}
