package cn.tongxin.rotation;

import cn.tongxin.IntegrationTest;
import cn.tongxin.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The coverage snapshot is exact: whatever changes what coverage depends on is counted on the next read. */
@IntegrationTest
@WithUserDetails("organizer")
class CoverageSnapshotTest {

    @Autowired
    Fixtures f;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    CoverageService coverage;
    @Autowired
    CoverageSnapshots snapshots;
    @Autowired
    RotationService rotation;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record Setup(long plan, long classId, List<Long> people) {
    }

    /** Three people of a named plan in one running 3-day class of it. */
    private Setup runningClass(String name) {
        List<Long> people = f.people(3, "青山区委统战部", 0);
        long plan = f.namedPlan(name, Requirement.CLASS, 3, "0", people);
        long c = f.classWithSessions(name + "班", "江川省委统战部", LocalDate.now().minusDays(5), 3, 10, Set.of(plan));
        enrollment.enroll(c, people, false);
        f.start(c);
        return new Setup(plan, c, people);
    }

    @Test
    void a_completion_recorded_after_the_figures_were_computed_is_counted_on_the_next_read() {
        Setup s = runningClass("快照完成");
        assertThat(coverage.coverage(s.plan(), null).total()).isEqualTo(new CoverageCounts(3, 0, 3));
        assertThat(snapshots.fresh(s.plan())).isTrue();

        enrollment.markCompleted(s.classId(), s.people().get(0));

        assertThat(snapshots.fresh(s.plan())).isFalse();
        assertThat(coverage.coverage(s.plan(), null).total()).isEqualTo(new CoverageCounts(3, 1, 2));
        assertThat(coverage.untrained(s.plan(), null, 0, 10).items()).extracting(AtRiskRow::personId)
                .doesNotContain(s.people().get(0)).hasSize(2);
    }

    @Test
    void a_person_leaving_the_population_is_counted_out_on_the_next_read() {
        Setup s = runningClass("快照离开");
        assertThat(coverage.coverage(s.plan(), null).total().population()).isEqualTo(3);

        // whatever writes the person (a form, an import, plain SQL) leaves a change row behind
        jdbc.sql("update person set status = 'INACTIVE' where id = :id").param("id", s.people().get(2)).update();

        assertThat(coverage.coverage(s.plan(), null).total()).isEqualTo(new CoverageCounts(2, 0, 2));
        assertThat(coverage.untrained(s.plan(), null, 0, 10).total()).isEqualTo(2);
    }

    @Test
    void a_change_in_another_plans_class_leaves_the_snapshot_fresh() {
        Setup mine = runningClass("快照本计划");
        Setup other = runningClass("快照他计划");
        coverage.coverage(mine.plan(), null);

        enrollment.markCompleted(other.classId(), other.people().get(0));

        assertThat(snapshots.fresh(mine.plan())).isTrue();
        assertThat(snapshots.fresh(other.plan())).isFalse();
    }

    @Test
    void a_new_day_makes_the_figures_stale_because_the_last_twelve_months_move() {
        Setup s = runningClass("快照新的一天");
        coverage.coverage(s.plan(), null);
        assertThat(snapshots.fresh(s.plan())).isTrue();

        clock.advance(Duration.ofDays(1));

        assertThat(snapshots.fresh(s.plan())).isFalse();
    }

    @Test
    void the_background_job_recomputes_stale_snapshots_and_then_forgets_the_changes_it_has_seen() {
        Setup s = runningClass("快照后台");
        coverage.coverage(s.plan(), null);
        enrollment.markCompleted(s.classId(), s.people().get(1));
        assertThat(snapshots.fresh(s.plan())).isFalse();
        // pretend the change is old enough to be forgotten: still needed while the snapshot has not seen it
        jdbc.sql("update coverage_change set created_at = now() - interval '2 hours' where plan_id = :p").param("p", s.plan()).update();
        snapshots.forgetOldChanges();
        assertThat(changeRows(s.plan())).isPositive();

        snapshots.refreshStale();

        assertThat(snapshots.fresh(s.plan())).isTrue();
        assertThat(jdbc.sql("select trained from coverage_figure where plan_id = :p and sector_id is null")
                .param("p", s.plan()).query(Integer.class).single()).isEqualTo(1);
        snapshots.forgetOldChanges();
        assertThat(changeRows(s.plan())).isZero();
    }

    @Test
    void parallel_recomputations_of_one_plan_write_its_figures_once() throws Exception {
        Setup s = runningClass("快照并发");
        coverage.coverage(s.plan(), null);
        enrollment.markCompleted(s.classId(), s.people().get(2));
        PlanDetail plan = rotation.plan(s.plan());
        List<Callable<Void>> refreshes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refreshes.add(() -> {
                snapshots.refresh(plan);
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Void> done : pool.invokeAll(refreshes)) {
                done.get(); // rethrows a unique-index violation, had two written the figures
            }
        }
        assertThat(jdbc.sql("select count(*) from coverage_figure where plan_id = :p and sector_id is null")
                .param("p", s.plan()).query(Long.class).single()).isEqualTo(1);
        assertThat(coverage.coverage(s.plan(), null).total()).isEqualTo(new CoverageCounts(3, 1, 2));
    }

    @Test
    void a_dropped_snapshot_takes_its_rows_with_it_and_is_recomputed_on_the_next_read() {
        Setup s = runningClass("快照丢弃");
        CoverageCounts before = coverage.coverage(s.plan(), null).total();

        jdbc.sql("delete from coverage_state where plan_id = :p").param("p", s.plan()).update();

        assertThat(jdbc.sql("select (select count(*) from coverage_figure where plan_id = :p) + (select count(*) from coverage_untrained where plan_id = :p)")
                .param("p", s.plan()).query(Long.class).single()).isZero();
        assertThat(snapshots.fresh(s.plan())).isFalse();
        assertThat(coverage.coverage(s.plan(), null).total()).isEqualTo(before);
    }

    private long changeRows(long plan) {
        return jdbc.sql("select count(*) from coverage_change where plan_id = :p").param("p", plan).query(Long.class).single();
    }
}
