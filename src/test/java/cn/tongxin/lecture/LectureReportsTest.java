package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.base.DomainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LectureReportsTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    @Autowired LectureReports reports;
    @Autowired LectureService lectures;
    @Autowired ReportFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static ReportDraft draft(Integer version, int count, String summary, PhotoFile... photos) {
        return new ReportDraft(version, count, summary, List.of(photos), Set.of());
    }

    @Test
    void the_attendance_starts_from_the_present_and_late_sign_ins_of_the_lecture() {
        ReportFixtures.Held h = fixtures.held("prefill", 5, Duration.ofMinutes(20));
        fixtures.mark(h, AttendanceStatus.PRESENT, h.audience().subList(0, 2));
        fixtures.mark(h, AttendanceStatus.LATE, h.audience().subList(2, 3));
        fixtures.mark(h, AttendanceStatus.ABSENT, h.audience().subList(3, 4));

        users.signIn(h.lecturer());
        LectureReport r = reports.report(h.lectureId());

        assertThat(r.filed()).isFalse();
        assertThat(r.canFile()).isTrue();
        assertThat(r.fromSignIns()).isEqualTo(3);
        assertThat(r.actualCount()).isEqualTo(3);
    }

    @Test
    void a_png_is_kept_with_a_small_jpeg_thumbnail_and_filing_marks_the_lecture_held() throws IOException {
        ReportFixtures.Held h = fixtures.held("png", 1, Duration.ofHours(3));
        users.signIn(h.lecturer());

        reports.file(h.lectureId(), draft(null, 42, "  气氛热烈  ", new PhotoFile("现场.png", ReportFixtures.png(1200, 800))));

        LectureReport r = reports.report(h.lectureId());
        assertThat(r.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(r.summary()).isEqualTo("气氛热烈");
        assertThat(r.actualCount()).isEqualTo(42);
        assertThat(r.photos()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("image/png");
            assertThat(p.fileName()).isEqualTo("现场.png");
        });
        long photo = r.photos().getFirst().id();
        byte[] thumb = reports.thumbnail(photo);
        assertThat(thumb).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumb));
        assertThat(Math.max(small.getWidth(), small.getHeight())).isEqualTo(240);
        assertThat(small.getWidth()).isEqualTo(240);
        assertThat(small.getHeight()).isEqualTo(160);
        assertThat(reports.photo(photo).content()).isEqualTo(ReportFixtures.png(1200, 800));
        assertThat(lectures.get(h.lectureId()).status()).isEqualTo(LectureStatus.HELD);
    }

    @Test
    void photos_are_added_and_dropped_when_the_report_is_changed() {
        ReportFixtures.Held h = fixtures.held("photos", 1, Duration.ofHours(3));
        users.signIn(h.lecturer());
        reports.file(h.lectureId(), draft(null, 5, "小结", new PhotoFile("一.png", ReportFixtures.png(80, 60)),
                new PhotoFile("二.png", ReportFixtures.png(60, 80))));
        LectureReport first = reports.report(h.lectureId());
        assertThat(first.photos()).extracting(ReportPhoto::fileName).containsExactly("一.png", "二.png");
        long drop = first.photos().getFirst().id();

        reports.file(h.lectureId(), new ReportDraft(first.version(), 5, "小结", List.of(new PhotoFile("三.png",
                ReportFixtures.png(30, 30))), Set.of(drop)));

        assertThat(reports.report(h.lectureId()).photos()).extracting(ReportPhoto::fileName).containsExactly("二.png", "三.png");
        assertThatThrownBy(() -> reports.thumbnail(drop)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_text_file_called_jpg_is_refused_and_nothing_is_filed() {
        ReportFixtures.Held h = fixtures.held("fake", 1, Duration.ofHours(3));
        users.signIn(h.lecturer());
        byte[] text = "这不是照片，只是文字".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(null, 1, "小结", new PhotoFile("现场.jpg", text))))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.error.photo-type");
        // A JPEG's first bytes on something that is not a picture: refused when it is read.
        byte[] fakeJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 'n', 'o', 't', ' ', 'a', ' ', 'p', 'i', 'c'};
        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(null, 1, "小结", new PhotoFile("x.jpg", fakeJpeg))))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.error.photo-unreadable");

        assertThat(reports.report(h.lectureId()).filed()).isFalse();
        assertThat(lectures.get(h.lectureId()).status()).isEqualTo(LectureStatus.PUBLISHED);
    }

    @Test
    void a_small_png_that_claims_a_huge_picture_is_refused_before_its_pixels_are_read() {
        ReportFixtures.Held h = fixtures.held("bomb", 1, Duration.ofHours(3));
        users.signIn(h.lecturer());
        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(null, 1, "小结", new PhotoFile("大.png", pngHeader(100_000, 100_000)))))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.error.photo-too-large");
    }

    /** A PNG signature and a header chunk (with its CRC) claiming {@code w} × {@code h} pixels, and no pixels. */
    private static byte[] pngHeader(int w, int h) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
        return png.array();
    }

    @Test
    void a_returned_report_is_mailed_to_the_lecturer_filed_again_and_then_accepted_for_good() {
        ReportFixtures.Held h = fixtures.held("return", 1, Duration.ofHours(3));
        users.signIn(h.lecturer());
        reports.file(h.lectureId(), draft(null, 10, "初稿"));

        users.signIn("organizer");
        assertThat(reports.toReview(500)).extracting(ReportRow::lectureId).contains(h.lectureId());
        reports.sendBack(h.lectureId(), reports.report(h.lectureId()).version(), "请补充听众的反响 " + HOSTILE);

        users.signIn(h.lecturer());
        LectureReport returned = reports.report(h.lectureId());
        assertThat(returned.status()).isEqualTo(ReportStatus.RETURNED);
        assertThat(returned.reviewNote()).isEqualTo("请补充听众的反响 " + HOSTILE);
        assertThat(reports.dueForMe(50)).extracting(ReportRow::lectureId).contains(h.lectureId());
        String body = jdbc.sql("select body from mail_outbox where recipient = :r").param("r", h.lecturer() + "@example.org")
                .query(String.class).single();
        // The mail is plain text: the reason is in it as typed.
        assertThat(body).contains("请补充听众的反响 " + HOSTILE).contains("/lectures/" + h.lectureId() + "/report");

        reports.file(h.lectureId(), draft(returned.version(), 12, "修改稿：听众反响热烈"));
        assertThat(reports.report(h.lectureId()).status()).isEqualTo(ReportStatus.SUBMITTED);

        users.signIn("organizer");
        reports.accept(h.lectureId(), reports.report(h.lectureId()).version());
        assertThat(reports.toReview(500)).extracting(ReportRow::lectureId).doesNotContain(h.lectureId());

        users.signIn(h.lecturer());
        LectureReport accepted = reports.report(h.lectureId());
        assertThat(accepted.status()).isEqualTo(ReportStatus.ACCEPTED);
        assertThat(accepted.actualCount()).isEqualTo(12);
        assertThat(accepted.canFile()).isFalse();
        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(accepted.version(), 13, "再改")))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.error.accepted");
    }

    @Test
    void a_city_organizer_can_neither_review_nor_read_another_citys_report() {
        long qingzhouUnit = jdbc.sql("select unit_id from account where username = 'qingzhou'").query(Long.class).single();
        long otherCity = jdbc.sql("select id from unit where kind = 'CITY' and id <> :q order by id limit 1")
                .param("q", qingzhouUnit).query(Long.class).single();
        ReportFixtures.Held h = fixtures.held("city", 0, Duration.ofHours(3), otherCity);
        users.signIn(h.lecturer());
        reports.file(h.lectureId(), draft(null, 8, "市里的宣讲"));
        int version = reports.report(h.lectureId()).version();

        users.signIn("qingzhou");
        assertThatThrownBy(() -> reports.accept(h.lectureId(), version)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.sendBack(h.lectureId(), version, "越权")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.report(h.lectureId())).isInstanceOf(AccessDeniedException.class);
        assertThat(reports.toReview(500)).extracting(ReportRow::lectureId).doesNotContain(h.lectureId());
        assertThat(reports.reports(null, 500)).extracting(ReportRow::lectureId).doesNotContain(h.lectureId());

        // The province above it reviews it; a checker of the province reads it.
        users.signIn("checker");
        assertThat(reports.reports(ReportStatus.SUBMITTED, 500)).extracting(ReportRow::lectureId).contains(h.lectureId());
        assertThatThrownBy(() -> reports.accept(h.lectureId(), version)).isInstanceOf(AccessDeniedException.class);
        users.signIn("organizer");
        reports.accept(h.lectureId(), version);
        assertThat(reports.report(h.lectureId()).status()).isEqualTo(ReportStatus.ACCEPTED);
    }

    @Test
    void only_a_lecturer_of_the_lecture_files_and_only_once_it_has_begun() {
        ReportFixtures.Held later = fixtures.held("later", 1, Duration.ofHours(-24));
        users.signIn(later.lecturer());
        assertThat(reports.report(later.lectureId()).canFile()).isFalse();
        assertThatThrownBy(() -> reports.file(later.lectureId(), draft(null, 1, "提前写")))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.error.not-begun");

        ReportFixtures.Held h = fixtures.held("other", 1, Duration.ofHours(3));
        users.signIn(h.audienceUsers().getFirst());
        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(null, 1, "冒名")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.report(h.lectureId())).isInstanceOf(AccessDeniedException.class);
        users.signIn(later.lecturer());
        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(null, 1, "别人的宣讲")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_empty_or_overlong_summary_and_too_many_photos_are_refused() {
        ReportFixtures.Held h = fixtures.held("limits", 1, Duration.ofHours(3));
        users.signIn(h.lecturer());
        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(null, 1, "   ")))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.error.summary-required");
        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(null, 1, "字".repeat(LectureReports.SUMMARY_MAX + 1))))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.error.summary-too-long");
        PhotoFile[] many = new PhotoFile[LectureReports.PHOTOS_MAX + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = new PhotoFile("p" + i + ".png", ReportFixtures.png(40, 30));
        }
        assertThatThrownBy(() -> reports.file(h.lectureId(), draft(null, 1, "小结", many)))
                .isInstanceOf(DomainException.class).hasMessage("lecture.reports.error.photo-count");
        assertThat(reports.report(h.lectureId()).filed()).isFalse();
    }
}
