package cn.tongxin.rotation.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.rotation.CoverageService;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.Fixtures;
import cn.tongxin.rotation.Requirement;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageViewTest extends ViewTest {

    @Autowired
    Fixtures f;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    CoverageService coverage;
    @Autowired
    DataSource dataSource;

    @Test
    @WithUserDetails("organizer")
    void after_a_change_the_page_shows_the_last_figures_at_once_and_the_new_ones_when_recomputed() throws SQLException {
        List<Long> people = f.people(3, "青山区委统战部", 0);
        long plan = f.namedPlan("页面重算", Requirement.CLASS, 3, "0", people);
        long cls = f.classWithSessions("页面重算班", "江川省委统战部", LocalDate.now().minusDays(5), 3, 10, Set.of(plan));
        enrollment.enroll(cls, people, false);
        f.start(cls);
        coverage.coverage(plan, null);
        enrollment.markCompleted(cls, people.getFirst());

        // Hold the plan's recomputation lock (CoverageSnapshots.refresh), so the background recomputation waits for us.
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            try (var lock = hold.prepareStatement("select pg_advisory_xact_lock(7301, ?)")) {
                lock.setInt(1, (int) plan);
                lock.execute();
            }
            navigate(CoverageView.class, plan);

            assertThat(shown("coverage-recomputing")).isTrue();
            assertThat(stats()).contains("已轮训0");
            hold.commit();
        }
        awaitBackground(() -> !shown("coverage-recomputing"));
        assertThat(stats()).contains("已轮训1");
    }

    @Test
    @WithUserDetails("organizer")
    void figures_that_are_up_to_date_show_without_a_recomputation() {
        List<Long> people = f.people(2, "青山区委统战部", 0);
        long plan = f.namedPlan("页面无变动", Requirement.CLASS, 3, "0", people);
        coverage.coverage(plan, null);

        navigate(CoverageView.class, plan);

        assertThat(shown("coverage-recomputing")).isFalse();
        assertThat(stats()).contains("对象总数2");
    }

    private String stats() {
        return $(FlexLayout.class).id("coverage-stats").getElement().getTextRecursively().replaceAll("\\s", "");
    }

    private boolean shown(String id) {
        return $(Component.class).withId(id).all().stream().anyMatch(Component::isVisible);
    }
}
