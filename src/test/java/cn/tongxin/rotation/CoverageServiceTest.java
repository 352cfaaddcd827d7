package cn.tongxin.rotation;

import cn.tongxin.IntegrationTest;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CoverageServiceTest {

    @Autowired
    Fixtures f;
    @Autowired
    RotationService rotation;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    CoverageService coverage;

    /**
     * Hand-computed: 8 named people (5 in 青山区, 3 in 云溪区), requirement one class of at least 3 days.
     * A, B completed a 3-day counting class (trained); C completed a 2-day counting class (too short: untouched);
     * D completed a 3-day class of another plan (untouched); E is enrolled in an upcoming counting class (enrolled);
     * F was invited to the same 3-day class but did not complete (untouched); G, H nothing.
     * Total 8: trained 2 (25 %), enrolled 1 (12.5 %), untouched 5. 青山区 (A B C D E): 2 / 1 / 2; 云溪区 (F G H): 0 / 0 / 3.
     */
    @Test
    @WithUserDetails("organizer")
    void the_forecast_counts_the_people_already_enrolled_in_scheduled_classes() {
        List<Long> people = f.people(4, "青山区委统战部", 0);
        long plan = f.namedPlan("预测", Requirement.CLASS, 1, "0", people);
        long upcoming = f.classWithSessions("下月班", "江川省委统战部", LocalDate.now().plusDays(30), 1, 10, Set.of(plan));
        enrollment.enroll(upcoming, people.subList(0, 3), false);

        CoverageReport report = coverage.coverage(plan, null);
        assertThat(report.total()).isEqualTo(new CoverageCounts(4, 0, 3));
        // nobody trained in the last 12 months, but 3 of 4 sit in a class next month: 75 % by the cycle's end
        assertThat(report.forecast().projectedTrained()).isEqualTo(3);
        assertThat(report.forecast().projectedPct()).isEqualTo(75.0);
    }

    @Test
    @WithUserDetails("organizer")
    void coverage_matches_a_hand_computed_example() throws Exception {
        List<Long> qs = f.people(5, "青山区委统战部", 0);
        List<Long> yx = f.people(3, "云溪区委统战部", 1);
        List<Long> all = new ArrayList<>(qs);
        all.addAll(yx);
        long plan = f.namedPlan("覆盖", Requirement.CLASS, 3, "0", all);
        long other = f.namedPlan("别的计划", Requirement.CLASS, 1, "0", List.of(qs.get(3)));
        LocalDate past = LocalDate.now().minusDays(20);
        long threeDays = f.classWithSessions("三天", "江川省委统战部", past, 3, 10, Set.of(plan));
        long twoDays = f.classWithSessions("两天", "江川省委统战部", past.minusDays(10), 2, 10, Set.of(plan));
        long otherClass = f.classWithSessions("他班", "江川省委统战部", past.minusDays(20), 3, 10, Set.of(other));
        long upcoming = f.classWithSessions("未来", "江川省委统战部", LocalDate.now().plusDays(30), 3, 10, Set.of(plan));
        enrollment.enroll(threeDays, List.of(qs.get(0), qs.get(1), yx.get(0)), false);
        enrollment.enroll(twoDays, List.of(qs.get(2)), false);
        enrollment.enroll(otherClass, List.of(qs.get(3)), false);
        enrollment.enroll(upcoming, List.of(qs.get(4)), false);
        for (long c : List.of(threeDays, twoDays, otherClass)) {
            f.start(c);
        }
        enrollment.markCompleted(threeDays, qs.get(0));
        enrollment.markCompleted(threeDays, qs.get(1));
        enrollment.markNotCompleted(threeDays, yx.get(0));
        enrollment.markCompleted(twoDays, qs.get(2));
        enrollment.markCompleted(otherClass, qs.get(3));
        rotation.advance(threeDays);

        CoverageReport report = coverage.coverage(plan, null);
        assertThat(report.total()).isEqualTo(new CoverageCounts(8, 2, 1));
        assertThat(report.total().trainedPct()).isEqualTo(25.0);
        assertThat(report.total().enrolledPct()).isEqualTo(12.5);
        assertThat(report.total().untouched()).isEqualTo(5);
        // the province's children: 青州 (with 青山区) and 云州 (with 云溪区); drill down into 青州
        CoverageRow qingzhou = report.byUnit().stream().filter(r -> r.name().equals("青州市委统战部")).findFirst().orElseThrow();
        assertThat(qingzhou.counts()).isEqualTo(new CoverageCounts(5, 2, 1));
        assertThat(qingzhou.hasChildren()).isTrue();
        CoverageRow yunzhou = report.byUnit().stream().filter(r -> r.name().equals("云州市委统战部")).findFirst().orElseThrow();
        assertThat(yunzhou.counts()).isEqualTo(new CoverageCounts(3, 0, 0));
        CoverageReport down = coverage.coverage(plan, qingzhou.id());
        assertThat(down.byUnit()).filteredOn(r -> r.name().equals("青山区委统战部")).singleElement()
                .extracting(CoverageRow::counts).isEqualTo(new CoverageCounts(5, 2, 1));
        // by sector: sector 0 (A-E) 5 / 2 / 1, sector 1 (F-H) 3 / 0 / 0
        assertThat(report.bySector()).extracting(CoverageRow::counts)
                .containsExactly(new CoverageCounts(5, 2, 1), new CoverageCounts(3, 0, 0));
        // forecast: 2 trained in the last 12 months; 5 not placed anywhere, the plan's classes hold 10 → 1 class
        assertThat(report.forecast().trainedLast12Months()).isEqualTo(2);
        assertThat(report.forecast().notYetPlaced()).isEqualTo(5);
        assertThat(report.forecast().classesNeeded()).isEqualTo(1);
        // the untrained list: 6 people, the enrolled one last
        var untrained = coverage.untrained(plan, null, 0, 100);
        assertThat(untrained.total()).isEqualTo(6);
        assertThat(untrained.items().getLast().personId()).isEqualTo(qs.get(4));
        // the export carries the same figures
        byte[] xlsx = coverage.exportXlsx(plan, Locale.SIMPLIFIED_CHINESE);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var rows = wb.getSheets().toList().get(1).read();
            assertThat(rows.get(1).getCellAsString(0)).hasValue(report.bySector().get(0).name());
            assertThat(rows.get(1).getCellAsNumber(2)).hasValueSatisfying(v -> assertThat(v.intValue()).isEqualTo(2));
        }
    }

    @Test
    @WithUserDetails("organizer")
    void hours_requirement_sums_hours_of_completed_counting_classes() {
        List<Long> p = f.people(2, "青山区委统战部", 0);
        long plan = f.namedPlan("学时", Requirement.HOURS, 1, "8", p);
        LocalDate past = LocalDate.now().minusDays(40);
        long a = f.classWithSessions("学时A", "江川省委统战部", past, 2, 10, Set.of(plan));
        long b = f.classWithSessions("学时B", "江川省委统战部", past.plusDays(10), 1, 10, Set.of(plan));
        enrollment.enroll(a, p, false);
        enrollment.enroll(b, List.of(p.get(0)), false);
        f.start(a);
        f.start(b);
        f.attendAll(a, p.get(0));
        f.attendAll(a, p.get(1));
        f.attendAll(b, p.get(0));
        enrollment.markCompleted(a, p.get(0)); // 6 h attended
        enrollment.markCompleted(a, p.get(1)); // 6 h
        enrollment.markCompleted(b, p.get(0)); // +3 = 9 h ≥ 8
        assertThat(coverage.coverage(plan, null).total()).isEqualTo(new CoverageCounts(2, 1, 0));
    }

    @Test
    @WithUserDetails("qingzhou")
    void a_city_organizer_sees_only_their_city_in_a_province_plan() {
        PlanRow plan = rotation.plans().stream().filter(p -> p.name().startsWith("2023—2027")).findFirst().orElseThrow();
        CoverageReport report = coverage.coverage(plan.id(), null);
        assertThat(report.unitName()).isEqualTo("青州市委统战部");
        assertThat(report.byUnit()).extracting(CoverageRow::name).doesNotContain("云州市委统战部");
    }

    @Test
    @WithUserDetails("trainee")
    void a_trainee_cannot_read_coverage() {
        assertThatThrownBy(() -> coverage.coverage(1L, null)).isInstanceOf(AccessDeniedException.class);
    }
}
