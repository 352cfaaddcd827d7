package cn.tongxin.attendance;

import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import cn.tongxin.TestOccasions;
import cn.tongxin.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed door code cannot be guessed: tries are limited per person and per address, refusals are counted. */
@IntegrationTest
class DoorCodeLimitsTest {

    private static final Instant OPENS = Instant.parse("2026-09-02T00:30:00Z"); // 08:30 in Shanghai, a bucket start
    private static final Instant LATE = OPENS.plus(Duration.ofMinutes(35));
    private static final Instant CLOSES = OPENS.plus(Duration.ofMinutes(90));
    private static final AtomicInteger names = new AtomicInteger();
    private static final AtomicInteger addresses = new AtomicInteger();

    @Autowired SignInService signIn;
    @Autowired AnomalyService anomalies;
    @Autowired DoorCodeLimits limits;
    @Autowired DoorTokens tokens;
    @Autowired TestOccasions testOccasions;
    @Autowired TestUsers users;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transaction;

    /** Each test has an address of its own: the limits of one test do not reach into another. */
    private final String address = "10.34." + addresses.get() / 250 + "." + addresses.getAndIncrement() % 250;
    private int wrongCodes;

    @BeforeEach
    void standInTheWindow() {
        clock.set(OPENS.plusSeconds(30));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void after_five_wrong_codes_even_the_right_code_is_refused_until_the_window_ends() {
        String person = newTrainee();
        Occasion occasion = occasionFor(person);
        users.signIn(person);
        for (int i = 1; i <= DoorCodeLimits.PERSON.tries(); i++) {
            assertThat(signIn.signInWithCode(wrongCode(occasion), phone()).outcome()).as("wrong code %d", i)
                    .isEqualTo(SignInOutcome.WRONG_CODE);
        }
        clock.advance(Duration.ofMinutes(3));
        SignInResult refused = signIn.signInWithCode(rightCode(occasion), phone());
        assertThat(refused.outcome()).isEqualTo(SignInOutcome.TOO_MANY_TRIES);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(7));
        assertThat(refused.messageArgs()).containsExactly(7L);
        assertThat(records(occasion)).isZero();

        clock.advance(Duration.ofMinutes(7));
        assertThat(signIn.signInWithCode(rightCode(occasion), phone()).outcome()).isEqualTo(SignInOutcome.SIGNED_IN);
        assertThat(records(occasion)).isEqualTo(1);
    }

    @Test
    void a_script_firing_a_thousand_wrong_codes_over_the_whole_window_is_refused_the_right_one() {
        String person = newTrainee();
        Occasion occasion = occasionFor(person);
        users.signIn(person);
        // 1,000 guesses spread evenly over the 90-minute window, each from a "new phone" (a script keeps no cookie).
        Duration between = Duration.ofMillis(5_300);
        for (int i = 0; i < 1_000; i++) {
            signIn.signInWithCode(wrongCode(occasion), new ClientInfo(UUID.randomUUID().toString(), address, "script"));
            clock.advance(between);
        }
        assertThat(clock.instant()).isBefore(CLOSES);
        SignInResult last = signIn.signInWithCode(rightCode(occasion), new ClientInfo(UUID.randomUUID().toString(), address, "script"));

        assertThat(last.outcome()).isEqualTo(SignInOutcome.TOO_MANY_TRIES);
        assertThat(last.messageKey()).as("the day's limit: told in hours").isEqualTo("attendance.outcome.TOO_MANY_TRIES.hours");
        assertThat(records(occasion)).isZero();
        // Only the day's 20 guesses were ever compared with a code: a chance of 20 × 2 in a million.
        assertThat(refusals(person, "WRONG_CODE", "EXPIRED_CODE")).isEqualTo(DoorCodeLimits.PERSON_DAY.tries());
        assertThat(refusals(person, DoorCodeLimits.TRIES_PERSON)).isEqualTo(1_001 - DoorCodeLimits.PERSON_DAY.tries());
        // At most two rows (wrong, stopped) per 10-minute bucket, however many tries and phones.
        assertThat(refusalRows(person)).isLessThanOrEqualTo(2 * 10);
    }

    @Test
    void two_hundred_wrong_tries_at_once_are_two_rows_whose_repeats_add_up() {
        clock.set(OPENS.plusSeconds(60));
        String person = newTrainee();
        Occasion occasion = occasionFor(person);
        users.signIn(person);
        for (int i = 0; i < 200; i++) {
            signIn.signInWithCode(wrongCode(occasion), new ClientInfo(UUID.randomUUID().toString(), address, "script"));
        }
        assertThat(refusalRows(person)).isEqualTo(2);
        assertThat(refusals(person, "WRONG_CODE")).isEqualTo(DoorCodeLimits.PERSON.tries());
        assertThat(refusals(person, "WRONG_CODE", DoorCodeLimits.TRIES_PERSON)).isEqualTo(200);
    }

    @Test
    void garbage_scan_links_add_to_one_refusal_row() {
        String person = newTrainee();
        users.signIn(person);
        for (int i = 0; i < 50; i++) {
            SignInResult r = signIn.signInWithToken("TEST.1." + i + ".forgedforged",
                    new ClientInfo(UUID.randomUUID().toString(), address, "script"));
            assertThat(r.outcome()).isEqualTo(SignInOutcome.WRONG_CODE);
        }
        assertThat(refusalRows(person)).isEqualTo(1);
        assertThat(refusals(person, "WRONG_CODE")).isEqualTo(50);
    }

    @Test
    void wrong_codes_of_many_people_from_one_address_stop_at_the_address_limit_and_spare_the_person() {
        int people = DoorCodeLimits.ADDRESS.tries() / DoorCodeLimits.PERSON.tries();
        List<String> guessers = new ArrayList<>();
        for (int i = 0; i <= people; i++) {
            guessers.add(newTrainee());
        }
        Occasion occasion = occasionFor(guessers.toArray(String[]::new));
        for (String guesser : guessers.subList(0, people)) {
            users.signIn(guesser);
            for (int i = 0; i < DoorCodeLimits.PERSON.tries(); i++) {
                assertThat(signIn.signInWithCode(wrongCode(occasion), phone()).outcome()).isEqualTo(SignInOutcome.WRONG_CODE);
            }
        }
        String next = guessers.get(people);
        users.signIn(next);
        assertThat(signIn.signInWithCode(rightCode(occasion), phone()).outcome()).as("the address is used up")
                .isEqualTo(SignInOutcome.TOO_MANY_TRIES);
        // The refusal by the address did not use up the person's own tries: from elsewhere they sign in.
        assertThat(signIn.signInWithCode(rightCode(occasion), new ClientInfo("own-phone", "10.99.0.1", "phone")).outcome())
                .isEqualTo(SignInOutcome.SIGNED_IN);

        users.signIn("checker");
        assertThat(anomalies.recent(Duration.ofDays(1)))
                .filteredOn(a -> a.kind() == Anomaly.Kind.TOO_MANY_TRIES_ADDRESS && a.where().equals(address))
                .singleElement()
                .satisfies(a -> assertThat(a.count()).isEqualTo(DoorCodeLimits.ADDRESS.tries() + 1));
    }

    @Test
    void a_class_on_the_venue_wifi_signs_in_although_it_outnumbers_the_address_limit() {
        int classSize = DoorCodeLimits.ADDRESS.tries() + 10;
        List<String> trainees = new ArrayList<>();
        for (int i = 0; i < classSize; i++) {
            trainees.add(newTrainee());
        }
        Occasion occasion = occasionFor(trainees.toArray(String[]::new));
        List<SignInOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < classSize; i++) {
            users.signIn(trainees.get(i));
            ClientInfo ownPhone = new ClientInfo("venue-phone-" + i, address, "phone");
            if (i % 5 == 0) {
                signIn.signInWithCode(wrongCode(occasion), ownPhone); // a typo now and then
            }
            outcomes.add(signIn.signInWithCode(rightCode(occasion), ownPhone).outcome());
        }
        assertThat(outcomes).containsOnly(SignInOutcome.SIGNED_IN);
        assertThat(records(occasion)).isEqualTo(classSize);
    }

    @Test
    void thirty_two_parallel_guesses_of_one_person_have_only_the_limit_checked() throws Exception {
        String person = newTrainee();
        Occasion occasion = occasionFor(person);
        users.signIn(person);
        var auth = SecurityContextHolder.getContext().getAuthentication();
        List<Callable<SignInOutcome>> guesses = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String guess = wrongCode(occasion);
            guesses.add(() -> {
                SecurityContextHolder.getContext().setAuthentication(auth);
                try {
                    return signIn.signInWithCode(guess, phone()).outcome();
                } finally {
                    SecurityContextHolder.clearContext();
                }
            });
        }
        List<SignInOutcome> outcomes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (Future<SignInOutcome> f : pool.invokeAll(guesses)) {
                outcomes.add(f.get());
            }
        }
        assertThat(outcomes).filteredOn(o -> o == SignInOutcome.WRONG_CODE).hasSize(DoorCodeLimits.PERSON.tries());
        assertThat(outcomes).filteredOn(o -> o == SignInOutcome.TOO_MANY_TRIES).hasSize(32 - DoorCodeLimits.PERSON.tries());
        assertThat(refusals(person, "WRONG_CODE")).isEqualTo(DoorCodeLimits.PERSON.tries());
    }

    @Test
    void a_person_stopped_by_the_limit_is_listed_for_the_checkers_with_their_tries() {
        String person = newTrainee();
        Occasion occasion = occasionFor(person);
        users.signIn(person);
        for (int i = 0; i <= DoorCodeLimits.PERSON.tries(); i++) {
            signIn.signInWithCode(wrongCode(occasion), phone());
        }
        Instant stopped = clock.instant();
        users.signIn("checker");
        assertThat(anomalies.recent(Duration.ofDays(1)))
                .filteredOn(a -> a.kind() == Anomaly.Kind.TOO_MANY_TRIES_PERSON
                        && a.people().stream().anyMatch(p -> p.name().equals("学员" + person)))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.count()).isEqualTo(DoorCodeLimits.PERSON.tries() + 1);
                    assertThat(a.at()).isEqualTo(stopped);
                });
    }

    @Test
    void a_typo_that_is_not_six_digits_costs_no_try() {
        String person = newTrainee();
        Occasion occasion = occasionFor(person);
        users.signIn(person);
        for (int i = 0; i < 10; i++) {
            assertThat(signIn.signInWithCode("12345", phone()).outcome()).isEqualTo(SignInOutcome.WRONG_CODE);
        }
        assertThat(signIn.signInWithCode(rightCode(occasion), phone()).outcome()).isEqualTo(SignInOutcome.SIGNED_IN);
    }

    @Test
    void tries_are_not_counted_inside_a_transaction_where_a_rollback_would_undo_them() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(tx -> limits.reserve(1L, phone())))
                .isInstanceOf(IllegalStateException.class);
    }

    // --- helpers ---

    private String newTrainee() {
        String username = "door-" + names.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.newTrainee(username);
        return username;
    }

    private Occasion occasionFor(String... usernames) {
        Set<Long> people = new HashSet<>();
        for (String username : usernames) {
            people.add(jdbc.sql("select person_id from account where username = :u").param("u", username).query(Long.class).single());
        }
        String province = jdbc.sql("select path from unit where parent_id is null").query(String.class).single();
        return testOccasions.add("口令限制测试课", province, OPENS, LATE, CLOSES, people);
    }

    private ClientInfo phone() {
        return new ClientInfo("phone-" + Thread.currentThread().threadId(), address, "test-phone");
    }

    private String rightCode(Occasion occasion) {
        return tokens.code(occasion.ref(), DoorTokens.roundAt(clock.instant()));
    }

    /** A six-digit code that is neither the occasion's code now nor a recent one (a fresh guess each call). */
    private String wrongCode(Occasion occasion) {
        while (true) {
            String code = String.format("%06d", (wrongCodes++ * 7_919L + 13) % 1_000_000);
            if (!tokens.codeMatches(occasion.ref(), code, clock.instant()) && !tokens.codeWasRecent(occasion.ref(), code, clock.instant())) {
                return code;
            }
        }
    }

    private long records(Occasion occasion) {
        return jdbc.sql("select count(*) from sign_in where occasion_kind = :k and occasion_id = :id")
                .param("k", occasion.ref().kind()).param("id", occasion.ref().id()).query(Long.class).single();
    }

    private long refusals(String username, String... reasons) {
        return jdbc.sql("""
                        select coalesce(sum(r.repeats), 0) from sign_in_refusal r join account a on a.person_id = r.person_id
                        where a.username = :u and r.reason in (:reasons)""")
                .param("u", username).param("reasons", List.of(reasons)).query(Long.class).single();
    }

    private long refusalRows(String username) {
        return jdbc.sql("""
                        select count(*) from sign_in_refusal r join account a on a.person_id = r.person_id
                        where a.username = :u""")
                .param("u", username).query(Long.class).single();
    }
}
