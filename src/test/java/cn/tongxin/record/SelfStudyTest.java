package cn.tongxin.record;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.base.DomainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.tongxin.record.SelfStudyFixtures.HOSTILE;
import static cn.tongxin.record.SelfStudyFixtures.draft;
import static cn.tongxin.record.SelfStudyFixtures.jpeg;
import static cn.tongxin.record.SelfStudyFixtures.pdf;
import static cn.tongxin.record.SelfStudyFixtures.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
@RecordApplicationEvents
class SelfStudyTest {

    @Autowired SelfStudy selfStudy;
    @Autowired SelfStudyFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static int year() {
        return draft("x").studiedOn().getYear();
    }

    private static DomainException refusal(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void an_entry_goes_pending_then_sent_back_with_a_mail_then_resubmitted_then_verified_and_keeps_its_history() {
        SelfStudyFixtures.Person t = fixtures.trainee("ss-flow", null);
        users.signIn(t.username());
        long id = selfStudy.submit(draft("读《统一战线工作条例》"), List.of(new EvidenceFile("笔记.pdf", pdf())));
        SelfStudyEntry e = selfStudy.entry(id);
        assertThat(e.status()).isEqualTo(SelfStudyStatus.PENDING);
        assertThat(e.hours()).isEqualByComparingTo("2.5");
        assertThat(e.evidence()).singleElement().satisfies(f -> {
            assertThat(f.contentType()).isEqualTo("application/pdf");
            assertThat(f.sha256()).hasSize(64);
        });
        assertThat(selfStudy.mine(year())).extracting(SelfStudyEntry::id).contains(id);

        users.signIn("checker");
        assertThat(selfStudy.queue(null, null, year(), 0, 1000).items()).extracting(QueueRow::id).contains(id);
        selfStudy.sendBack(id, e.version(), "  请补充学习笔记照片  ");
        String body = jdbc.sql("select body from mail_outbox where recipient = :r").param("r", t.email())
                .query(String.class).single();
        assertThat(body).contains("请补充学习笔记照片").contains("读《统一战线工作条例》").contains("/my/self-study");
        assertThat(selfStudy.queue(null, null, year(), 0, 1000).items()).extracting(QueueRow::id).doesNotContain(id);

        users.signIn(t.username());
        SelfStudyEntry returned = selfStudy.entry(id);
        assertThat(returned.status()).isEqualTo(SelfStudyStatus.RETURNED);
        assertThat(returned.returnReason()).isEqualTo("请补充学习笔记照片");
        assertThat(returned.canResubmit()).isTrue();
        // The evidence kept counts against the limit.
        assertThat(refusal(() -> selfStudy.resubmit(id, returned.version(), draft("x"),
                Collections.nCopies(SelfStudy.FILES_MAX, new EvidenceFile("a.pdf", pdf())))).key())
                .isEqualTo("record.selfstudy.error.file-count");
        selfStudy.resubmit(id, returned.version(), new SelfStudyDraft("读《统一战线工作条例》", returned.studiedOn(),
                SelfStudyKind.READING, new BigDecimal("3"), "附照片"), List.of(new EvidenceFile("照片.PNG", png())));

        users.signIn("checker");
        SelfStudyEntry again = selfStudy.entry(id);
        assertThat(again.status()).isEqualTo(SelfStudyStatus.PENDING);
        assertThat(again.canDecide()).isTrue();
        assertThat(again.evidence()).extracting(EvidenceInfo::contentType).containsExactly("application/pdf", "image/png");
        selfStudy.verify(id, again.version());

        SelfStudyEntry done = selfStudy.entry(id);
        assertThat(done.status()).isEqualTo(SelfStudyStatus.VERIFIED);
        assertThat(done.history()).extracting(SelfStudyStep::action).containsExactly(SelfStudyAction.SUBMITTED,
                SelfStudyAction.RETURNED, SelfStudyAction.RESUBMITTED, SelfStudyAction.VERIFIED);
        assertThat(done.history()).extracting(SelfStudyStep::by)
                .containsExactly(t.username(), "checker", t.username(), "checker");
        assertThat(done.history().get(1).reason()).isEqualTo("请补充学习笔记照片");
        assertThat(events.stream(SelfStudyVerified.class).filter(v -> v.entryId() == id))
                .singleElement().satisfies(v -> {
                    assertThat(v.personId()).isEqualTo(t.personId());
                    assertThat(v.hours()).isEqualByComparingTo("3");
                    assertThat(v.studiedOn()).isEqualTo(returned.studiedOn());
                });
        // Once decided, neither side can change it again.
        assertThatThrownBy(() -> selfStudy.sendBack(id, done.version(), "再看看"))
                .isInstanceOf(DomainException.class).hasMessageContaining("error.concurrent-change");
        users.signIn(t.username());
        assertThatThrownBy(() -> selfStudy.resubmit(id, done.version(), draft("改"), List.of()))
                .isInstanceOf(DomainException.class).hasMessageContaining("not-returned");
    }

    @Test
    void a_returned_entry_may_drop_a_stored_file_and_take_another_and_the_limit_counts_what_is_kept() {
        SelfStudyFixtures.Person t = fixtures.trainee("ss-drop", null);
        users.signIn(t.username());
        List<EvidenceFile> full = Collections.nCopies(SelfStudy.FILES_MAX, new EvidenceFile("a.pdf", pdf()));
        long id = selfStudy.submit(draft("换佐证"), full);
        users.signIn("checker");
        selfStudy.sendBack(id, 0, "第一个文件不对");
        users.signIn(t.username());
        SelfStudyEntry returned = selfStudy.entry(id);
        long wrong = returned.evidence().getFirst().id();
        selfStudy.resubmit(id, returned.version(), draft("换佐证"), List.of(new EvidenceFile("对的.jpg", jpeg())), java.util.Set.of(wrong));
        SelfStudyEntry again = selfStudy.entry(id);
        assertThat(again.evidence()).hasSize(SelfStudy.FILES_MAX).extracting(EvidenceInfo::id).doesNotContain(wrong);
        assertThat(again.evidence().getLast().fileName()).isEqualTo("对的.jpg");
    }

    @Test
    void evidence_is_accepted_only_when_its_content_is_the_pdf_png_or_jpeg_its_extension_says() {
        SelfStudyFixtures.Person t = fixtures.trainee("ss-files", null);
        users.signIn(t.username());
        long ok = selfStudy.submit(draft("三种都行"), List.of(new EvidenceFile("a.pdf", pdf()),
                new EvidenceFile("b.png", png()), new EvidenceFile("c.jpg", jpeg()), new EvidenceFile("d.JPEG", jpeg())));
        assertThat(selfStudy.entry(ok).evidence()).extracting(EvidenceInfo::contentType)
                .containsExactly("application/pdf", "image/png", "image/jpeg", "image/jpeg");
        assertThat(selfStudy.evidence(selfStudy.entry(ok).evidence().getFirst().id()).content()).isEqualTo(pdf());

        byte[] text = "just some text pretending".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(() -> selfStudy.submit(draft("x"), List.of(new EvidenceFile("假.pdf", text)))).key())
                .isEqualTo("record.selfstudy.error.file-content");
        assertThat(refusal(() -> selfStudy.submit(draft("x"), List.of(new EvidenceFile("图.jpg", png())))).key())
                .isEqualTo("record.selfstudy.error.file-content");
        assertThat(refusal(() -> selfStudy.submit(draft("x"), List.of(new EvidenceFile("图.png", jpeg())))).key())
                .isEqualTo("record.selfstudy.error.file-content");
        assertThat(refusal(() -> selfStudy.submit(draft("x"), List.of(new EvidenceFile("文.pdf.exe", pdf())))).key())
                .isEqualTo("record.selfstudy.error.file-type");
        assertThat(refusal(() -> selfStudy.submit(draft("x"), List.of(new EvidenceFile("无扩展名", pdf())))).key())
                .isEqualTo("record.selfstudy.error.file-type");
        assertThat(refusal(() -> selfStudy.submit(draft("x"), List.of(new EvidenceFile("图.gif", "GIF89a".getBytes())))).key())
                .isEqualTo("record.selfstudy.error.file-type");
        assertThat(refusal(() -> selfStudy.submit(draft("x"), List.of(new EvidenceFile("空.pdf", new byte[0])))).key())
                .isEqualTo("record.selfstudy.error.file-empty");
        byte[] big = new byte[SelfStudy.FILE_BYTES_MAX + 1];
        System.arraycopy(pdf(), 0, big, 0, pdf().length);
        assertThat(refusal(() -> selfStudy.submit(draft("x"), List.of(new EvidenceFile("大.pdf", big)))).key())
                .isEqualTo("record.selfstudy.error.file-too-large");
        byte[] justFits = new byte[SelfStudy.FILE_BYTES_MAX];
        System.arraycopy(pdf(), 0, justFits, 0, pdf().length);
        long fits = selfStudy.submit(draft("刚好十兆"), List.of(new EvidenceFile("刚好.pdf", justFits)));
        assertThat(selfStudy.entry(fits).evidence().getFirst().sizeBytes()).isEqualTo(SelfStudy.FILE_BYTES_MAX);
        List<EvidenceFile> six = Collections.nCopies(SelfStudy.FILES_MAX + 1, new EvidenceFile("a.pdf", pdf()));
        assertThat(refusal(() -> selfStudy.submit(draft("x"), six)).key()).isEqualTo("record.selfstudy.error.file-count");
        // A refused file refuses the whole entry: nothing half-stored.
        assertThat(selfStudy.mine(year())).extracting(SelfStudyEntry::title).containsOnly("三种都行", "刚好十兆");
    }

    @Test
    void hours_dates_and_lengths_are_limited_in_the_service_and_in_the_database() {
        SelfStudyFixtures.Person t = fixtures.trainee("ss-limits", null);
        users.signIn(t.username());
        LocalDate day = draft("x").studiedOn();
        for (String hours : List.of("0", "-1", "24.5", "2.25")) {
            assertThat(refusal(() -> selfStudy.submit(new SelfStudyDraft("x", day, SelfStudyKind.OTHER,
                    new BigDecimal(hours), null), List.of())).key()).as(hours).isEqualTo("record.selfstudy.error.hours");
        }
        assertThat(refusal(() -> selfStudy.submit(new SelfStudyDraft("x", LocalDate.now().plusDays(2), SelfStudyKind.OTHER,
                BigDecimal.ONE, null), List.of())).key()).isEqualTo("record.selfstudy.error.date-future");
        assertThat(refusal(() -> selfStudy.submit(draft("   "), List.of())).key()).isEqualTo("record.selfstudy.error.title-required");
        assertThat(refusal(() -> selfStudy.submit(draft("字".repeat(SelfStudy.TITLE_MAX + 1)), List.of())).key())
                .isEqualTo("record.selfstudy.error.title-too-long");
        assertThat(refusal(() -> selfStudy.submit(new SelfStudyDraft("x", day, SelfStudyKind.OTHER, BigDecimal.ONE,
                "字".repeat(SelfStudy.NOTE_MAX + 1)), List.of())).key()).isEqualTo("record.selfstudy.error.note-too-long");
        long max = selfStudy.submit(new SelfStudyDraft("字".repeat(SelfStudy.TITLE_MAX), day, SelfStudyKind.STUDY_GROUP,
                new BigDecimal("24"), "  " + "字".repeat(SelfStudy.NOTE_MAX) + "  "), List.of());
        assertThat(selfStudy.entry(max).note()).hasSize(SelfStudy.NOTE_MAX);

        // What a script might try behind the service's back.
        for (String set : List.of("hours = 24.5", "hours = 0", "title = ' x '", "title = ''", "note = ''",
                "kind = 'NAP'", "status = 'DONE'", "studied_on = current_date + 30")) {
            assertThatThrownBy(() -> jdbc.sql("update self_study set " + set + " where id = :id").param("id", max).update())
                    .as(set).isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into self_study_evidence (entry_id, file_name, content_type, size_bytes, sha256, content, uploaded_at)
                        values (:id, 'a.gif', 'image/gif', 3, repeat('a', 64), 'GIF'::bytea, now())""").param("id", max).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into self_study_decision (entry_id, action, decided_by, decided_at)
                        values (:id, 'RETURNED', 'x', now())""").param("id", max).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void a_trainee_can_neither_read_nor_change_anothers_entry_nor_decide_on_their_own() {
        SelfStudyFixtures.Person owner = fixtures.trainee("ss-owner", null);
        SelfStudyFixtures.Person other = fixtures.trainee("ss-other", null);
        users.signIn(owner.username());
        long id = selfStudy.submit(draft("我的"), List.of(new EvidenceFile("a.pdf", pdf())));
        long evidence = selfStudy.entry(id).evidence().getFirst().id();

        users.signIn(other.username());
        assertThatThrownBy(() -> selfStudy.entry(id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> selfStudy.evidence(evidence)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> selfStudy.resubmit(id, 0, draft("改了"), List.of())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> selfStudy.verify(id, 0)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> selfStudy.queue(null, null, year(), 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThat(selfStudy.mine(year())).extracting(SelfStudyEntry::id).doesNotContain(id);
        // An organizer reads it but does not decide.
        users.signIn("organizer");
        assertThat(selfStudy.entry(id).canDecide()).isFalse();
        assertThatThrownBy(() -> selfStudy.verify(id, 0)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_checker_of_one_city_sees_nothing_of_another_citys_queue() {
        SelfStudyFixtures.Person yunzhou = fixtures.trainee("ss-yz", "云州市委统战部");
        SelfStudyFixtures.Person qingshan = fixtures.trainee("ss-qs", "青山区委统战部");
        fixtures.inSector(qingshan.personId(), "无党派人士");
        users.signIn(yunzhou.username());
        long far = selfStudy.submit(draft("云州的"), List.of(new EvidenceFile("a.pdf", pdf())));
        long farEvidence = selfStudy.entry(far).evidence().getFirst().id();
        users.signIn(qingshan.username());
        long near = selfStudy.submit(draft("青山的"), List.of());

        String qzChecker = fixtures.checker("ss-qzc", "青州市委统战部");
        users.signIn(qzChecker);
        assertThat(selfStudy.queue(null, null, year(), 0, 1000).items()).extracting(QueueRow::id).contains(near).doesNotContain(far);
        long yunzhouUnit = jdbc.sql("select id from unit where name = '云州市委统战部'").query(Long.class).single();
        assertThat(selfStudy.queue(yunzhouUnit, null, year(), 0, 1000).items()).isEmpty();
        assertThat(selfStudy.units()).extracting(ScopeOption::id).doesNotContain(yunzhouUnit);
        assertThatThrownBy(() -> selfStudy.entry(far)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> selfStudy.evidence(farEvidence)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> selfStudy.verify(far, 0)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> selfStudy.sendBack(far, 0, "不归你管")).isInstanceOf(AccessDeniedException.class);

        long sector = jdbc.sql("select id from sector where name = '无党派人士'").query(Long.class).single();
        long otherSector = jdbc.sql("select id from sector where name = '宗教界人士'").query(Long.class).single();
        assertThat(selfStudy.queue(null, sector, year(), 0, 1000).items()).extracting(QueueRow::id).contains(near);
        assertThat(selfStudy.queue(null, otherSector, year(), 0, 1000).items()).extracting(QueueRow::id).doesNotContain(near);
        assertThat(selfStudy.queue(null, null, year() - 1, 0, 1000).items()).extracting(QueueRow::id).doesNotContain(near);
        selfStudy.verify(near, 0);

        users.signIn("checker");
        assertThat(selfStudy.queue(yunzhouUnit, null, year(), 0, 1000).items()).extracting(QueueRow::id).contains(far);
    }

    @Test
    void of_two_checkers_verifying_at_once_one_wins_and_the_other_is_told_it_changed() throws Exception {
        SelfStudyFixtures.Person t = fixtures.trainee("ss-race", null);
        users.signIn(t.username());
        long id = selfStudy.submit(draft("抢着审"), List.of());
        String second = fixtures.checker("ss-race-c", "江川省委统战部");
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (String checker : List.of("checker", second)) {
                outcomes.add(pool.submit(() -> {
                    users.signIn(checker);
                    together.await();
                    try {
                        selfStudy.verify(id, 0);
                        return "won";
                    } catch (DomainException e) {
                        return e.key();
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).containsExactlyInAnyOrder("won", "error.concurrent-change");
        }
        users.signIn("checker");
        assertThat(selfStudy.entry(id).history()).extracting(SelfStudyStep::action)
                .containsExactly(SelfStudyAction.SUBMITTED, SelfStudyAction.VERIFIED);
    }

    @Test
    void hostile_text_is_stored_as_typed_and_mailed_as_text() {
        SelfStudyFixtures.Person t = fixtures.trainee("ss-hostile", null);
        users.signIn(t.username());
        long id = selfStudy.submit(new SelfStudyDraft(HOSTILE, draft("x").studiedOn(), SelfStudyKind.OTHER, BigDecimal.ONE,
                HOSTILE), List.of(new EvidenceFile(HOSTILE + ".pdf", pdf())));
        users.signIn("checker");
        SelfStudyEntry e = selfStudy.entry(id);
        assertThat(e.title()).isEqualTo(HOSTILE);
        assertThat(e.note()).isEqualTo(HOSTILE);
        assertThat(e.evidence().getFirst().fileName()).isEqualTo(HOSTILE + ".pdf");
        selfStudy.sendBack(id, e.version(), HOSTILE);
        String body = jdbc.sql("select body from mail_outbox where recipient = :r").param("r", t.email())
                .query(String.class).single();
        assertThat(body).contains(HOSTILE);
    }
}
