package cn.tongxin.demo;

import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.rotation.CandidateFilter;
import cn.tongxin.rotation.ClassData;
import cn.tongxin.rotation.ClassStatus;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.PlanData;
import cn.tongxin.rotation.Requirement;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.rotation.SessionData;
import cn.tongxin.rotation.SessionKind;
import cn.tongxin.rotation.SessionRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Demo rotational training: the 2023–2027 plan over the democratic parties and non-Party figures, three past
 * intakes closed with completions, one in progress today (the demo trainee is in it), two upcoming; a
 * 2024–2028 hours-based plan for private-economy figures with one upcoming class and a city quota.
 */
@Component
class DemoRotation {

    private static final Logger log = LoggerFactory.getLogger(DemoRotation.class);
    private static final String[][] TOPICS = {
            {"深入学习贯彻党的二十届三中全会精神", "省委党校 王教授"},
            {"中国新型政党制度的理论与实践", "省社会主义学院 李教授"},
            {"铸牢中华民族共同体意识", "省民宗委 张处长"},
            {"新时代统一战线工作的重要思想", "省委统战部 陈处长"},
            {"参政议政能力建设专题研讨", "各民主党派省委会"},
            {"多党合作历史与优良传统", "省社会主义学院 赵研究员"}};

    private final RotationService rotation;
    private final EnrollmentService enrollment;
    private final ReferenceDataService reference;
    private final Clock clock;
    private final SignInService signIn;

    DemoRotation(RotationService rotation, EnrollmentService enrollment, ReferenceDataService reference, Clock clock,
                 SignInService signIn) {
        this.signIn = signIn;
        this.rotation = rotation;
        this.enrollment = enrollment;
        this.reference = reference;
        this.clock = clock;
    }

    void load(DemoData.DemoAccounts accounts) {
        LocalDate today = LocalDate.now(clock);
        long province = accounts.province().id();
        List<ReferenceItem> sectors = reference.sectors();
        long partySector = sectors.get(0).id();
        long nonParty = sectors.get(1).id();
        long privateEconomy = sectors.get(5).id();
        long plan = rotation.createPlan(new PlanData("2023—2027年全省民主党派和无党派人士轮训计划", province,
                LocalDate.of(2023, 1, 1), LocalDate.of(2027, 12, 31), Requirement.CLASS, 3, BigDecimal.ZERO,
                Set.of(partySector, nonParty), Set.of(), Set.of(), false, Set.of(accounts.personIds().get(0))));
        long economyPlan = rotation.createPlan(new PlanData("2024—2028年非公有制经济人士理想信念教育轮训", province,
                LocalDate.of(2024, 1, 1), LocalDate.of(2028, 12, 31), Requirement.HOURS, 1, new BigDecimal("24"),
                Set.of(privateEconomy), Set.of(), Set.of(), false, Set.of()));

        String base = "全省民主党派和无党派人士骨干";
        // Past intakes, closed with completions (a few did not complete).
        LocalDate[] past = {LocalDate.of(2023, 5, 15), LocalDate.of(2024, 4, 8), today.minusMonths(5).withDayOfMonth(10)};
        String[] numbers = {"第一期", "第二期", "第三期", "第四期", "第五期", "第六期"};
        long lastClass = 0;
        for (int i = 0; i < past.length; i++) {
            long c = newClass(base + numbers[i] + "轮训班", province, past[i], 4, 30, plan);
            enrollment.fill(c, plan, CandidateFilter.none());
            rotation.advance(c);
            rotation.advance(c);
            signInRegister(c, enrollment.enrolledPersonIds(c));
            rotation.advance(c); // closing decides completion from the register

            lastClass = c;
        }
        // In progress today: the demo trainee is in it and has signed up.
        long now = newClass(base + numbers[3] + "轮训班", province, today.minusDays(1), 4, 40, plan);
        enrollment.enroll(now, List.of(accounts.personIds().get(0)), false);
        enrollment.fill(now, plan, CandidateFilter.none());
        rotation.advance(now);
        rotation.advance(now);
        // Upcoming: the next intake is a clone of the last one; one more with a quota for 青州.
        long next = rotation.cloneClass(lastClass, today.plusMonths(1).withDayOfMonth(12), base + numbers[4] + "轮训班");
        enrollment.fill(next, plan, new CandidateFilter(null, null, null, true));
        rotation.advance(next);
        long later = newClass(base + numbers[5] + "轮训班", province, today.plusMonths(3).withDayOfMonth(8), 4, 40, plan);
        enrollment.setQuota(later, accounts.cities().get(0).id(), 8);
        enrollment.setQuota(later, accounts.cities().get(1).id(), 6);
        long economy = newClass("全省非公有制经济人士理想信念教育培训班", province, today.plusMonths(2).withDayOfMonth(20), 3, 50,
                economyPlan);
        enrollment.setQuota(economy, accounts.cities().get(0).id(), 10);
        log.info("Demo rotation loaded: 2 plans, 7 classes");
    }

    /**
     * The class's register, as if typed in from the paper sign-in sheets: most attended everything; every ninth
     * missed two sessions (not completed); every ninth but one took a session's leave (within the limit, completed).
     */
    private void signInRegister(long classId, List<Long> people) {
        List<Long> missing = new ArrayList<>(), onLeave = new ArrayList<>(), present = new ArrayList<>();
        for (int k = 0; k < people.size(); k++) {
            (k % 9 == 4 ? missing : k % 9 == 7 ? onLeave : present).add(people.get(k));
        }
        List<SessionRow> sessions = rotation.sessions(classId);
        for (int i = 0; i < sessions.size(); i++) {
            OccasionRef session = new OccasionRef("SESSION", sessions.get(i).id());
            List<Long> here = new ArrayList<>(present);
            if (i >= 2) {
                here.addAll(missing);
            } else if (!missing.isEmpty()) {
                signIn.mark(session, missing, AttendanceStatus.ABSENT, "纸质签到表补录：缺席");
            }
            if (i == 2 && !onLeave.isEmpty()) {
                signIn.mark(session, onLeave, AttendanceStatus.LEAVE, "纸质签到表补录：事假（已批准）");
            } else {
                here.addAll(onLeave);
            }
            signIn.mark(session, here, AttendanceStatus.PRESENT, "纸质签到表补录");
        }
    }

    private long newClass(String title, long unitId, LocalDate start, int days, int capacity, long planId) {
        long id = rotation.createClass(new ClassData(title, unitId, "江川省社会主义学院", start, start.plusDays(days - 1),
                capacity, Set.of(planId), 90, ClassData.DEFAULT_LEAVE_SHARE, new BigDecimal("18")));
        for (int d = 0; d < days; d++) {
            LocalDate day = start.plusDays(d);
            String[] morning = TOPICS[(d * 2) % TOPICS.length];
            String[] afternoon = TOPICS[(d * 2 + 1) % TOPICS.length];
            rotation.addSession(id, new SessionData(morning[0], d == days - 1 ? SessionKind.EXAM : SessionKind.LECTURE,
                    morning[1], day.atTime(9, 0), day.atTime(11, 30), "学院报告厅", new BigDecimal("3"),
                    SessionData.OPENS_BEFORE_DEFAULT, SessionData.LATE_AFTER_DEFAULT, SessionData.CLOSES_AFTER_DEFAULT));
            rotation.addSession(id, new SessionData(afternoon[0], d == 1 ? SessionKind.VISIT : SessionKind.DISCUSSION,
                    afternoon[1], day.atTime(14, 30), day.atTime(17, 0), d == 1 ? "江川革命纪念馆" : "第二研讨室",
                    new BigDecimal("3"), SessionData.OPENS_BEFORE_DEFAULT, SessionData.LATE_AFTER_DEFAULT,
                    SessionData.CLOSES_AFTER_DEFAULT));
        }
        return id;
    }

    static boolean isOpen(ClassStatus s) {
        return s != ClassStatus.CLOSED;
    }
}
