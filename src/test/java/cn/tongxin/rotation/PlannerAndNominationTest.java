package cn.tongxin.rotation;

import cn.tongxin.IntegrationTest;
import cn.tongxin.base.DomainException;
import cn.tongxin.people.UnitRef;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class PlannerAndNominationTest {

    @Autowired
    Fixtures f;
    @Autowired
    RotationService rotation;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    PlannerService planner;
    @Autowired
    UserDetailsService users;

    @Test
    @WithUserDetails("organizer")
    void planner_places_everyone_when_seats_suffice_spreading_units_and_applies_in_one_step() {
        List<Long> people = new ArrayList<>(f.people(3, "青山区委统战部", 0));
        people.addAll(f.people(3, "云溪区委统战部", 0));
        long plan = f.namedPlan("规划", Requirement.CLASS, 1, "0", people);
        LocalDate start = LocalDate.now().plusDays(60);
        long a = f.classWithSessions("规划A", "江川省委统战部", start, 2, 4, Set.of(plan));
        long b = f.classWithSessions("规划B", "江川省委统战部", start.plusDays(7), 2, 4, Set.of(plan));
        assertThat(planner.upcomingClasses(plan)).extracting(ClassRow::id).contains(a, b);
        PlannerProposal p = planner.propose(plan, List.of(a, b));
        assertThat(p.candidates()).isEqualTo(6);
        assertThat(p.unplaced()).isZero();
        assertThat(p.reasons()).isEmpty();
        assertThat(p.placements()).extracting(Placement::personId).containsExactlyInAnyOrderElementsOf(people);
        // both units are in both intakes
        for (long c : List.of(a, b)) {
            assertThat(p.placements()).filteredOn(x -> x.classId() == c).extracting(Placement::unitName)
                    .contains("青山区委统战部", "云溪区委统战部");
        }
        FillResult r = planner.apply(p.placements());
        assertThat(r.enrolled()).isEqualTo(6);
        assertThat(rotation.classDetail(a).enrolled() + rotation.classDetail(b).enrolled()).isEqualTo(6);
        assertThat(planner.propose(plan, List.of(a, b)).candidates()).isZero();
    }

    @Test
    @WithUserDetails("organizer")
    void planner_explains_what_it_cannot_place() {
        List<Long> people = f.people(10, "临河县委统战部", 0);
        long plan = f.namedPlan("不足", Requirement.CLASS, 1, "0", people);
        LocalDate start = LocalDate.now().plusDays(90);
        long a = f.classWithSessions("不足A", "江川省委统战部", start, 2, 3, Set.of(plan));
        long b = f.classWithSessions("不足B", "江川省委统战部", start.plusDays(7), 2, 3, Set.of(plan));
        PlannerProposal p = planner.propose(plan, List.of(a, b));
        assertThat(p.placements()).hasSize(6);
        assertThat(p.unplaced()).isEqualTo(4);
        // 4 people left over: capacity short by 2 classes of 3
        assertThat(p.reasons()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("rotation.planner.reason.capacity");
            assertThat(s.args()).containsExactly(4, 2, 3);
        });
        assertThat(p.placements().stream().filter(x -> x.classId() == a)).hasSize(3);
    }

    @Test
    @WithUserDetails("organizer")
    void planner_keeps_quota_seats_for_their_unit_and_gives_the_rest_to_anyone() {
        List<Long> qingshan = f.people(3, "青山区委统战部", 0);
        List<Long> yunxi = f.people(3, "云溪区委统战部", 0);
        List<Long> all = new ArrayList<>(qingshan);
        all.addAll(yunxi);
        long plan = f.namedPlan("名额排班", Requirement.CLASS, 1, "0", all);
        long cls = f.classWithSessions("名额排班", "江川省委统战部", LocalDate.now().plusDays(200), 2, 4, Set.of(plan));
        enrollment.setQuota(cls, f.unit("青州市委统战部").id(), 3);
        PlannerProposal p = planner.propose(plan, List.of(cls));
        // 3 seats kept for 青州 (青山区 is in it), 1 open seat: all 3 of 青山区 and 1 of 云溪区
        assertThat(p.placements()).hasSize(4);
        assertThat(p.placements()).filteredOn(x -> x.unitName().equals("青山区委统战部")).hasSize(3);
        assertThat(p.unplaced()).isEqualTo(2);
        assertThat(p.reasons()).extracting(Shortfall::key)
                .containsExactly("rotation.planner.reason.capacity", "rotation.planner.reason.quota");
    }

    @Test
    @WithUserDetails("organizer")
    void a_unit_nominates_within_its_quota_and_the_owner_approves_or_returns() {
        LocalDate start = LocalDate.now().plusDays(120);
        long cls = f.classWithSessions("名额", "江川省委统战部", start, 2, 10, Set.of());
        UnitRef qingzhou = f.unit("青州市委统战部");
        enrollment.setQuota(cls, qingzhou.id(), 2);
        List<Long> qz = f.people(3, "青山区委统战部", 0);
        List<Long> yz = f.people(1, "云溪区委统战部", 0);
        long n1 = as("qingzhou", () -> enrollment.nominate(cls, qingzhou.id(), qz.get(0)));
        long n2 = as("qingzhou", () -> enrollment.nominate(cls, qingzhou.id(), qz.get(1)));
        assertThatThrownBy(() -> as("qingzhou", () -> enrollment.nominate(cls, qingzhou.id(), qz.get(2))))
                .isInstanceOf(DomainException.class).hasMessage("rotation.error.quota-used-up");
        // a city organizer cannot nominate someone of another city, nor approve
        assertThatThrownBy(() -> as("qingzhou", () -> enrollment.nominate(cls, qingzhou.id(), yz.get(0))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as("qingzhou", () -> enrollment.approve(n1))).isInstanceOf(AccessDeniedException.class);
        // the city organizer sees the class and its own unit's nominations
        assertThat(as("qingzhou", () -> enrollment.nominations(cls))).hasSize(2);
        assertThat(enrollment.approve(n1)).isEqualTo(EnrollmentStatus.INVITED);
        enrollment.returnNomination(n2, "职务不符");
        assertThat(enrollment.nominations(cls)).extracting(NominationRow::status)
                .containsExactlyInAnyOrder(NominationStatus.APPROVED, NominationStatus.RETURNED);
        // the returned seat can be used again
        as("qingzhou", () -> enrollment.nominate(cls, qingzhou.id(), qz.get(2)));
        assertThat(enrollment.roster(cls, EnrollmentStatus.INVITED, 0, 10).items())
                .extracting(EnrollmentRow::personId).containsExactly(qz.get(0));
        assertThat(enrollment.quotas(cls)).singleElement().satisfies(q -> {
            assertThat(q.pending()).isEqualTo(1);
            assertThat(q.approved()).isEqualTo(1);
        });
    }

    @Test
    @WithUserDetails("organizer")
    void a_trainee_confirms_or_declines_only_their_own_invitation() {
        long cls = f.classWithSessions("学员", "江川省委统战部", LocalDate.now().plusDays(150), 2, 10, Set.of());
        List<Long> others = f.people(1, "青山区委统战部", 0);
        enrollment.enroll(cls, others, false);
        rotation.advance(cls);
        long otherEnrollment = enrollment.roster(cls, null, 0, 10).items().getFirst().id();
        assertThatThrownBy(() -> as("trainee", () -> {
            enrollment.confirm(otherEnrollment);
            return null;
        })).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as("trainee", () -> rotation.sessions(cls))).isInstanceOf(AccessDeniedException.class);
        List<MyClass> mine = as("trainee", () -> enrollment.myClasses());
        assertThat(mine).isNotEmpty();
        assertThat(mine).allSatisfy(m -> assertThat(m.sessions()).isNotEmpty());
    }

    private <T> T as(String username, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var user = users.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
