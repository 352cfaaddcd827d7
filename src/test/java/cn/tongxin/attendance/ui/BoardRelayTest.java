package cn.tongxin.attendance.ui;

import cn.tongxin.IntegrationTest;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignedIn;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Live boards on several instances of the portal: each instance's sign-ins reach the boards open on the others. */
@IntegrationTest
class BoardRelayTest {

    @Autowired BoardBroadcaster broadcaster;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;

    @Test
    void a_sign_in_taken_by_another_instance_refreshes_the_boards_open_here_within_two_seconds() throws Exception {
        // What another instance's relay sends after a sign-in there.
        boolean refreshed = boardRefreshed(new OccasionRef("SESSION", 990_001), Duration.ofSeconds(2), () ->
                jdbc.sql("select pg_notify(:channel, 'another-instance SESSION:990001')").param("channel", BoardRelay.CHANNEL)
                        .query((rs, n) -> 1).list());
        assertThat(refreshed).isTrue();
    }

    @Test
    void a_sign_in_taken_here_is_announced_to_the_other_instances_after_it_commits() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        try (Connection otherInstance = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            try (Statement listen = otherInstance.createStatement()) {
                listen.execute("LISTEN " + BoardRelay.CHANNEL);
            }
            OccasionRef ref = new OccasionRef("SESSION", 990_002);
            transaction.executeWithoutResult(status ->
                    events.publishEvent(new SignedIn(ref, 1L, AttendanceStatus.PRESENT, Instant.now())));

            List<String> payloads = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (payloads.stream().noneMatch(p -> p.endsWith(" SESSION:990002")) && System.nanoTime() < deadline) {
                PGNotification[] received = otherInstance.unwrap(PGConnection.class).getNotifications(100);
                for (PGNotification n : received == null ? new PGNotification[0] : received) {
                    payloads.add(n.getParameter());
                }
            }
            assertThat(payloads).anyMatch(p -> p.endsWith(" SESSION:990002"));
        }
    }

    @Test
    void a_sign_in_whose_transaction_rolls_back_refreshes_no_board() throws Exception {
        OccasionRef ref = new OccasionRef("SESSION", 990_003);
        boolean refreshed = boardRefreshed(ref, Duration.ofMillis(500), () -> transaction.executeWithoutResult(status -> {
            events.publishEvent(new SignedIn(ref, 1L, AttendanceStatus.PRESENT, Instant.now()));
            status.setRollbackOnly();
        }));
        assertThat(refreshed).isFalse();
    }

    /** Opens a board on {@code ref} here, does {@code action}, and says whether the board was told within {@code wait}. */
    private boolean boardRefreshed(OccasionRef ref, Duration wait, Runnable action) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        Runnable unregister = broadcaster.register(ref, refreshed::countDown);
        try {
            action.run();
            return refreshed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            unregister.run();
        }
    }
}
