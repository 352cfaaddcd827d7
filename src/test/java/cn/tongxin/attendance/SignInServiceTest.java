package cn.tongxin.attendance;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.MutableClock;
import cn.tongxin.TestOccasions;
import cn.tongxin.base.DomainException;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonService;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import cn.tongxin.security.SystemCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class SignInServiceTest {

    private static final Instant OPENS = Instant.parse("2026-09-01T00:30:00Z"); // 08:30 in Shanghai
    private static final Instant LATE = OPENS.plus(Duration.ofMinutes(35));
    private static final Instant CLOSES = OPENS.plus(Duration.ofMinutes(90));

    @Autowired SignInService signIn;
    @Autowired TestOccasions testOccasions;
    @Autowired MutableClock clock;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired DoorTokens tokens;
    @Autowired ClosingJob closingJob;
    @Autowired PersonService people;
    @Autowired AccountService accounts;
    @Autowired AnomalyService anomalies;

    long traineePersonId;
    long lecturerPersonId;
    Occasion occasion;

    @BeforeEach
    void setUp() {
        traineePersonId = users.signIn("trainee");
        lecturerPersonId = users.signIn("lecturer");
        SecurityContextHolder.clearContext();
        String provincePath = jdbc.sql("select path from unit where parent_id is null").query(String.class).single();
        occasion = testOccasions.add("第一课：学习全会精神", provincePath, OPENS, LATE, CLOSES, Set.of(traineePersonId, lecturerPersonId));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }



    private String doorToken() {
        return tokens.token(occasion.ref(), DoorTokens.roundAt(clock.instant()));
    }

    private ClientInfo phone(String device) {
        return new ClientInfo(device, "10.0.0.8", "test-phone");
    }

    @Test
    void a_second_before_the_window_opens_the_trainee_is_told_it_is_not_open() {
        clock.set(OPENS.minusSeconds(1));
        users.signIn("trainee");
        assertThat(signIn.signInWithToken(doorToken(), phone("d1")).outcome()).isEqualTo(SignInOutcome.NOT_OPEN);
    }

    @Test
    void at_the_opening_the_trainee_is_present_and_at_the_late_threshold_late() {
        clock.set(OPENS);
        users.signIn("trainee");
        SignInResult first = signIn.signInWithToken(doorToken(), phone("d-a"));
        assertThat(first.outcome()).isEqualTo(SignInOutcome.SIGNED_IN);
        assertThat(first.status()).isEqualTo(AttendanceStatus.PRESENT);

        clock.set(LATE);
        users.signIn("lecturer");
        SignInResult second = signIn.signInWithToken(doorToken(), phone("d-b"));
        assertThat(second.status()).isEqualTo(AttendanceStatus.LATE);
    }

    @Test
    void after_the_window_closes_nobody_can_sign_in() {
        clock.set(CLOSES);
        users.signIn("trainee");
        assertThat(signIn.signInWithToken(doorToken(), phone("d2")).outcome()).isEqualTo(SignInOutcome.CLOSED);
    }

    @Test
    void a_code_is_accepted_for_two_rotations_and_never_after() {
        clock.set(OPENS.plusSeconds(120));
        String photographed = doorToken();
        clock.advance(Duration.ofSeconds(DoorTokens.ROTATION_SECONDS));
        users.signIn("trainee");
        // Still good one rotation later…
        assertThat(signIn.occasionOfToken(photographed)).isPresent();
        clock.advance(Duration.ofSeconds(DoorTokens.ROTATION_SECONDS));
        // …but not two rotations later (a photo in a group chat).
        assertThat(signIn.signInWithToken(photographed, phone("d3")).outcome()).isEqualTo(SignInOutcome.EXPIRED_CODE);
        assertThat(signIn.signInWithToken(photographed.replaceAll(".$", "x"), phone("d3")).outcome())
                .isEqualTo(SignInOutcome.WRONG_CODE);
    }

    @Test
    void a_code_fresh_when_scanned_still_counts_after_logging_in_but_a_stale_one_gets_no_ticket() {
        clock.set(OPENS.plusSeconds(200));
        String token = doorToken();
        String ticket = signIn.ticketForScan(token).orElseThrow();
        clock.advance(Duration.ofSeconds(90)); // typing a password on a new phone
        users.signIn("trainee");
        assertThat(signIn.signInWithTicket(ticket, phone("d-t")).outcome()).isEqualTo(SignInOutcome.SIGNED_IN);

        // The same link opened later (a photo in a group chat) gets no ticket, and a forged ticket is worthless.
        assertThat(signIn.ticketForScan(token)).isEmpty();
        users.signIn("lecturer");
        assertThat(signIn.signInWithTicket(ticket.replaceAll(".$", "_"), phone("d-l")).outcome())
                .isEqualTo(SignInOutcome.WRONG_CODE);
    }

    @Test
    void the_typed_numeric_code_signs_in_and_a_wrong_one_says_why() {
        clock.set(OPENS.plusSeconds(300));
        users.signIn("trainee");
        assertThat(signIn.signInWithCode("000000".equals(tokens.code(occasion.ref(), DoorTokens.roundAt(clock.instant()))) ? "111111" : "000000",
                phone("d4")).outcome()).isEqualTo(SignInOutcome.WRONG_CODE);
        String code = tokens.code(occasion.ref(), DoorTokens.roundAt(clock.instant()));
        SignInResult result = signIn.signInWithCode(code, phone("d4"));
        assertThat(result.outcome()).isEqualTo(SignInOutcome.SIGNED_IN);
        assertThat(result.occasion().ref()).isEqualTo(occasion.ref());
    }

    @Test
    void a_person_not_expected_at_the_occasion_is_refused() {
        clock.set(OPENS.plusSeconds(60));
        users.signIn("organizer"); // no person record
        assertThat(signIn.signInWithToken(doorToken(), phone("d5")).outcome()).isEqualTo(SignInOutcome.NO_PERSON);
        Occasion other = testOccasions.add("别的班", occasion.ownerUnitPath(), OPENS, LATE, CLOSES, Set.of(lecturerPersonId));
        users.signIn("trainee");
        String token = tokens.token(other.ref(), DoorTokens.roundAt(clock.instant()));
        assertThat(signIn.signInWithToken(token, phone("d5")).outcome()).isEqualTo(SignInOutcome.NOT_EXPECTED);
    }

    @Test
    void a_hundred_concurrent_taps_of_one_person_make_one_record() throws Exception {
        clock.set(OPENS.plusSeconds(30));
        var context = SecurityContextHolder.getContext();
        users.signIn("trainee");
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String token = doorToken();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<SignInResult>> taps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            taps.add(() -> {
                SecurityContextHolder.getContext().setAuthentication(auth);
                return signIn.signInWithToken(token, phone("same-phone"));
            });
        }
        List<SignInOutcome> outcomes = new ArrayList<>();
        for (Future<SignInResult> f : pool.invokeAll(taps)) {
            outcomes.add(f.get().outcome());
        }
        pool.shutdown();
        assertThat(outcomes).containsOnly(SignInOutcome.SIGNED_IN, SignInOutcome.ALREADY_SIGNED_IN);
        assertThat(outcomes).filteredOn(o -> o == SignInOutcome.SIGNED_IN).hasSize(1);
        assertThat(records()).isEqualTo(1);
    }

    @Test
    void one_phone_cannot_sign_in_a_second_person_and_the_try_is_recorded() {
        clock.set(OPENS.plusSeconds(30));
        users.signIn("trainee");
        assertThat(signIn.signInWithToken(doorToken(), phone("shared")).outcome()).isEqualTo(SignInOutcome.SIGNED_IN);
        users.signIn("lecturer");
        assertThat(signIn.signInWithToken(doorToken(), phone("shared")).outcome()).isEqualTo(SignInOutcome.DEVICE_USED);
        assertThat(records()).isEqualTo(1);
        long refusals = jdbc.sql("select sum(repeats) from sign_in_refusal where reason = 'DEVICE_USED' and occasion_id = :id")
                .param("id", occasion.ref().id()).query(Long.class).single();
        assertThat(refusals).isEqualTo(1);
    }

    @Test
    void a_shared_phone_is_shown_to_the_checkers_of_the_occasions_unit_with_the_session_and_the_people_and_not_to_another_city() {
        clock.set(OPENS.plusSeconds(30));
        users.signIn("trainee");
        signIn.signInWithToken(doorToken(), phone("shared-" + occasion.ref().id()));
        users.signIn("lecturer");
        signIn.signInWithToken(doorToken(), phone("shared-" + occasion.ref().id()));
        List<String> names = jdbc.sql("select name from person where id in (:a, :b)").param("a", traineePersonId)
                .param("b", lecturerPersonId).query(String.class).list();

        users.signIn("checker");
        Anomaly shared = anomalies.recent(Duration.ofDays(3650)).stream()
                .filter(a -> a.kind() == Anomaly.Kind.SHARED_DEVICE && a.occasion() != null && a.occasion().ref().equals(occasion.ref()))
                .findFirst().orElseThrow();
        assertThat(shared.occasion().title()).isEqualTo("第一课：学习全会精神");
        assertThat(shared.people()).extracting(Anomaly.Someone::name).containsExactlyInAnyOrderElementsOf(names);
        assertThat(shared.where()).as("no raw device id").startsWith("…").hasSize(5);
        assertThat(shared.count()).isEqualTo(2);

        String cityChecker = "qzcheck" + occasion.ref().id();
        SystemCaller.runAsSystem(() -> accounts.create(cityChecker, "青州督查", jdbc.sql("select id from unit where name = '青州市委统战部'")
                .query(Long.class).single(), null, Set.of(Roles.CHECKER), java.util.UUID.randomUUID().toString()));
        users.signIn(cityChecker);
        assertThat(anomalies.recent(Duration.ofDays(3650))).extracting(a -> a.occasion() == null ? null : a.occasion().ref())
                .doesNotContain(occasion.ref());
    }

    @Test
    void the_kiosk_takes_a_personal_code_of_today_and_reports_a_duplicate_with_its_time() {
        clock.set(OPENS.plusSeconds(45));
        users.signIn("trainee");
        String personal = signIn.myPersonalCode();
        users.signIn("organizer");
        SignInResult first = signIn.kioskSignIn(occasion.ref(), personal, ClientInfo.none());
        assertThat(first.outcome()).isEqualTo(SignInOutcome.SIGNED_IN);
        clock.advance(Duration.ofMinutes(2));
        SignInResult again = signIn.kioskSignIn(occasion.ref(), personal, ClientInfo.none());
        assertThat(again.outcome()).isEqualTo(SignInOutcome.ALREADY_SIGNED_IN);
        assertThat(again.at()).isEqualTo(first.at());
        // Yesterday's code does not work today.
        clock.advance(Duration.ofDays(1));
        assertThat(signIn.kioskSignIn(occasion.ref(), personal, ClientInfo.none()).outcome()).isEqualTo(SignInOutcome.WRONG_CODE);
    }

    @Test
    void a_city_organizer_cannot_run_the_door_of_a_province_occasion() {
        clock.set(OPENS);
        users.signIn("qingzhou");
        assertThatThrownBy(() -> signIn.doorCode(occasion.ref())).isInstanceOf(AccessDeniedException.class);
        users.signIn("organizer");
        assertThat(signIn.doorCode(occasion.ref()).code()).hasSize(6);
    }

    @Test
    void reminding_the_missing_mails_each_of_them_once_in_the_language_they_read_the_portal_in() {
        clock.set(OPENS.plusSeconds(60));
        users.signIn("lecturer");
        signIn.signInWithToken(doorToken(), phone("d-here"));
        users.signIn("trainee");
        accounts.rememberMyLanguage(Locale.ENGLISH);
        try {
            users.signIn("organizer");
            assertThat(signIn.remindMissing(occasion.ref())).as("only the trainee is missing").isEqualTo(1);
            assertThat(signIn.remindMissing(occasion.ref())).as("a second click mails nobody twice").isZero();
            String subject = jdbc.sql("select subject from mail_outbox where dedup_key = :k")
                    .param("k", "remind:" + occasion.ref() + ":" + traineePersonId).query(String.class).single();
            assertThat(subject).isEqualTo("Sign-in reminder: " + occasion.title());
        } finally {
            users.signIn("trainee");
            accounts.rememberMyLanguage(Locale.SIMPLIFIED_CHINESE);
        }
    }

    @Test
    void a_hand_made_mark_needs_a_reason_and_is_audited() {
        clock.set(OPENS.plusSeconds(100));
        users.signIn("organizer");
        assertThatThrownBy(() -> signIn.mark(occasion.ref(), List.of(traineePersonId), AttendanceStatus.PRESENT, " "))
                .isInstanceOf(DomainException.class);
        assertThat(signIn.mark(occasion.ref(), List.of(traineePersonId), AttendanceStatus.LEAVE, "病假，已电话请假")).isEqualTo(1);
        Board board = signIn.board(occasion.ref());
        assertThat(board.count(AttendanceStatus.LEAVE)).isEqualTo(1);
        assertThat(board.missing()).extracting(Board.Row::personId).containsExactly(lecturerPersonId);
        long audited = jdbc.sql("""
                        select count(*) from audit_event where target_type = 'SIGN_IN' and target_id = :p and target_label = :title
                          and detail = :d""")
                .param("p", traineePersonId).param("title", occasion.title())
                .param("d", cn.tongxin.audit.AuditDetail.of("sign-in.marked.LEAVE", occasion.context(), "病假，已电话请假"))
                .query(Long.class).single();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void when_the_window_closes_the_missing_are_marked_absent_once_even_by_racing_jobs() throws Exception {
        clock.set(OPENS.plusSeconds(10));
        users.signIn("trainee");
        signIn.signInWithToken(doorToken(), phone("d9"));
        SecurityContextHolder.clearContext();
        clock.set(CLOSES.plusSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<Integer> job = () -> {
            int[] n = new int[1];
            SystemCaller.runAsSystem(() -> n[0] = closingJob.closeDue());
            return n[0];
        };
        var a = pool.submit(job);
        var b = pool.submit(job);
        a.get();
        b.get();
        pool.shutdown();
        assertThat(records()).isEqualTo(2);
        long absent = jdbc.sql("select count(*) from sign_in where occasion_id = :id and status = 'ABSENT' and person_id = :p")
                .param("id", occasion.ref().id()).param("p", lecturerPersonId).query(Long.class).single();
        assertThat(absent).isEqualTo(1);
        Integer recorded = jdbc.sql("select absent_count from occasion_closed where occasion_kind = 'TEST' and occasion_id = :id")
                .param("id", occasion.ref().id()).query(Integer.class).single();
        assertThat(recorded).isEqualTo(1);
    }

    private long records() {
        return jdbc.sql("select count(*) from sign_in where occasion_kind = 'TEST' and occasion_id = :id")
                .param("id", occasion.ref().id()).query(Long.class).single();
    }
}
