package cn.tongxin.base;

import cn.tongxin.ViewTest;
import cn.tongxin.base.ui.DatabaseUnavailableView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.InternalServerError;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.mock.web.MockHttpServletResponse;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * While the database cannot be reached, nobody waits long and everybody is told to try again shortly: the
 * application's pool settings against a port where nothing listens (as when PostgreSQL is down).
 */
class DatabaseUnavailableTest extends ViewTest {

    private static final Duration FEW_SECONDS = Duration.ofSeconds(6);
    private static HikariDataSource unreachable;

    @Autowired
    DataSource dataSource;

    /** A pool with the application's own settings whose database is down. */
    private JdbcClient unreachable() throws Exception {
        if (unreachable == null) {
            HikariConfig config = new HikariConfig();
            dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
            try (ServerSocket free = new ServerSocket(0)) {
                config.setJdbcUrl("jdbc:postgresql://localhost:" + free.getLocalPort() + "/tongxin");
            }
            config.setPoolName("unreachable");
            config.setInitializationFailTimeout(-1);
            unreachable = new HikariDataSource(config);
        }
        return JdbcClient.create(unreachable);
    }

    @AfterAll
    static void closePool() {
        if (unreachable != null) {
            unreachable.close();
        }
    }

    /** What a page or action gets when it needs the database now; fails if it took more than a few seconds. */
    private RuntimeException failureOfAQuery() throws Exception {
        JdbcClient jdbc = unreachable();
        long start = System.nanoTime();
        RuntimeException failure = null;
        try {
            jdbc.sql("select 1").query(Integer.class).single();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FEW_SECONDS);
        assertThat(failure).isNotNull();
        return failure;
    }

    @Test
    void the_application_pool_waits_a_few_seconds_at_most_for_a_connection_then_says_the_database_cannot_be_reached()
            throws Exception {
        assertThat(dataSource.unwrap(HikariDataSource.class).getConnectionTimeout()).isBetween(1000L, 5000L);
        assertThat(dataSource).isInstanceOf(FailFastDataSource.class);
        RuntimeException failure = failureOfAQuery();
        assertThat(failure).hasRootCauseInstanceOf(java.net.ConnectException.class);
        assertThat(failure.getCause()).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(DatabaseUnavailable.causes(failure)).isTrue();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("another failure"))).isFalse();
    }

    @Test
    void a_connection_that_the_pool_closed_because_it_broke_counts_as_the_database_gone() throws Exception {
        // What the rollback of a request meets when PostgreSQL died under it: Hikari has closed the broken connection.
        java.sql.Connection broken = dataSource.getConnection();
        broken.close();
        assertThatThrownBy(broken::rollback).isInstanceOf(java.sql.SQLException.class)
                .satisfies(e -> assertThat(DatabaseUnavailable.causes(e)).isTrue());
    }

    @Test
    void a_plain_request_such_as_a_login_is_answered_503_with_the_message_in_the_persons_language() throws Exception {
        var filter = new DatabaseUnavailableFilter();
        RuntimeException failure = failureOfAQuery();
        MockHttpServletResponse chinese = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/login"), chinese, (request, response) -> {
            throw failure;
        });
        assertThat(chinese.getStatus()).isEqualTo(503);
        assertThat(chinese.getContentAsString()).isEqualTo("暂时无法连接数据库，请稍后再试。");

        MockHttpServletRequest english = new MockHttpServletRequest("GET", "/s/SESSION.1.2.abc");
        english.setCookies(new Cookie("tx-lang", "en"));
        MockHttpServletResponse answer = new MockHttpServletResponse();
        filter.doFilter(english, answer, (request, response) -> {
            throw failure;
        });
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getContentAsString()).isEqualTo("The database cannot be reached at the moment. Please try again shortly.");
    }

    @Test
    void other_failures_of_a_plain_request_are_not_disguised() {
        var filter = new DatabaseUnavailableFilter();
        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/x"), new MockHttpServletResponse(),
                (request, response) -> {
                    throw new IllegalStateException("a bug");
                })).hasMessage("a bug");
    }

    @Test
    void a_page_that_needs_the_database_shows_the_message_instead_of_an_error() throws Exception {
        pageQuery = unreachable();
        RouteConfiguration.forSessionScope().setRoute("needs-the-database", NeedsTheDatabase.class);
        long start = System.nanoTime();

        UI.getCurrent().navigate("needs-the-database");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FEW_SECONDS);
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(DatabaseUnavailableView.class);
        assertThat($(H2.class).id("database-unavailable").getText()).isEqualTo("暂时无法连接数据库，请稍后再试。");
    }

    @Test
    void a_page_whose_transaction_lost_its_connection_shows_the_message_and_other_failures_still_the_error_page()
            throws Exception {
        java.sql.Connection broken = dataSource.getConnection();
        broken.close();
        try {
            broken.rollback();
        } catch (java.sql.SQLException closed) {
            pageFailure = new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection", closed));
        }
        RouteConfiguration.forSessionScope().setRoute("fails", Fails.class);
        UI.getCurrent().navigate("fails");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(DatabaseUnavailableView.RollbackFailed.class);
        assertThat($(H2.class).id("database-unavailable").getText()).isEqualTo("暂时无法连接数据库，请稍后再试。");

        pageFailure = new JpaSystemException(new RuntimeException("a bug"));
        RouteConfiguration.forSessionScope().setRoute("fails-too", Fails.class);
        UI.getCurrent().navigate("fails-too");
        // (the test kit's queries refuse to look into Vaadin's error page)
        assertThat(UI.getCurrent().getCurrentView().getChildren().toList()).singleElement().isInstanceOf(InternalServerError.class);
    }

    @Test
    void an_action_that_needs_the_database_tells_the_person_to_try_again_and_leaves_the_page_as_it_is() throws Exception {
        RuntimeException failure = failureOfAQuery();
        var before = UI.getCurrent().getCurrentView();

        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(failure));

        assertThat(test($(Notification.class).last()).getText()).isEqualTo("暂时无法连接数据库，请稍后再试。");
        assertThat(UI.getCurrent().getCurrentView()).isSameAs(before);
    }

    static JdbcClient pageQuery;
    static RuntimeException pageFailure;

    /** A page whose opening fails. */
    @AnonymousAllowed
    public static class Fails extends Div {
        public Fails() {
            throw pageFailure;
        }
    }

    /** A page whose opening reads the database. */
    @AnonymousAllowed
    public static class NeedsTheDatabase extends Div {
        public NeedsTheDatabase() {
            setText("rows: " + pageQuery.sql("select count(*) from account").query(Integer.class).single());
        }
    }
}
