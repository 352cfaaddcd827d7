package cn.tongxin.demo;

import cn.tongxin.Application;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.lecture.LectureData;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.people.Audience;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Demo lectures (党外人士宣讲): the province's lecture group and 青州's, three topics with their menus open, venues,
 * six weeks of lectures around today (held ones with their sign-ins, reports and feedback; one today the demo trainee
 * is invited to; upcoming ones published, one planned, one cancelled) and orders in every state. The catalogue and
 * the orders are written as rows (there is nothing to decide in seed data); the lectures go through the schedule so
 * that their invitees and sign-in occasions are what the portal itself makes.
 */
@Component
class DemoLectures {

    private static final Logger log = LoggerFactory.getLogger(DemoLectures.class);

    private final JdbcClient jdbc;
    private final LectureService lectures;
    private final SignInService signIn;
    private final ReferenceDataService reference;
    private final Clock clock;

    DemoLectures(JdbcClient jdbc, LectureService lectures, SignInService signIn, ReferenceDataService reference,
                 Clock clock) {
        this.jdbc = jdbc;
        this.lectures = lectures;
        this.signIn = signIn;
        this.reference = reference;
        this.clock = clock;
    }

    private record Slot(int day, int hour, int minute, int unit, int topic, int venue, int lecturer, int sector) {
    }

    void load(DemoData.DemoAccounts accounts) {
        LocalDate today = LocalDate.now(clock);
        List<Long> people = accounts.personIds();
        long province = accounts.province().id();
        long qingzhou = accounts.cities().get(0).id();
        long yunzhou = accounts.cities().get(1).id();
        long jiangkou = accounts.cities().get(2).id();

        // Lecturers: the demo lecturer (person 1) and five more; person i belongs to unit i % 12 of the demo.
        int[] lecturerIndex = {1, 9, 10, 11, 12, 24};
        String[][] profiles = {
                {"统一战线理论、新型政党制度", "省社会主义学院教授，长期从事统一战线理论研究与教学。"},
                {"民族宗教政策", "省民宗委政策法规处处长，参与多项民族团结进步创建工作。"},
                {"非公有制经济、民营经济", "省工商联研究室主任，熟悉民营经济人士思想状况。"},
                {"海外统战、侨务政策", "省侨联副秘书长，长期联系海外侨胞和归侨侨眷。"},
                {"基层统战、全会精神", "青州市委党校副教授，青州市宣讲团骨干。"},
                {"党史、多党合作史", "青州市社会主义学院讲师。"}};
        List<Long> lecturers = new ArrayList<>();
        for (int i = 0; i < lecturerIndex.length; i++) {
            long p = people.get(lecturerIndex[i]);
            jdbc.sql("insert into lecturer (person_id, fields, profile) values (:p, :f, :pr)")
                    .param("p", p).param("f", profiles[i][0]).param("pr", profiles[i][1]).update();
            lecturers.add(p);
        }
        long provinceGroup = group("江川省委统战部宣讲团", province, lecturers.get(0), lecturers.subList(0, 4));
        long qingzhouGroup = group("青州市宣讲团", qingzhou, lecturers.get(4), lecturers.subList(4, 6));

        long[] topics = {
                topic("学习贯彻党的二十届三中全会精神", "围绕进一步全面深化改革、推进中国式现代化，解读全会精神与统一战线的新任务。",
                        province, today.minusMonths(2), today.plusMonths(10)),
                topic("铸牢中华民族共同体意识", "阐释中华民族共同体意识的理论内涵和实践要求，结合本地民族团结进步创建。",
                        province, today.minusMonths(1), today.plusMonths(11)),
                topic("“两个健康”与民营经济高质量发展", "面向民营经济人士，讲清促进非公有制经济健康发展和非公有制经济人士健康成长。",
                        qingzhou, today.minusMonths(1), today.plusMonths(5))};

        long[] venues = {
                venue("江川省社会主义学院报告厅", "江川市学院路 18 号", 300, province),
                venue("省委统战部第一会议室", "江川市人民路 1 号", 60, province),
                venue("青州市委党校礼堂", "青州市文昌路 66 号", 200, qingzhou),
                venue("云州市民主党派大楼会议厅", "云州市和平路 9 号", 120, yunzhou),
                venue("江口市工商联多功能厅", "江口市滨江大道 200 号", 150, jiangkou)};

        List<ReferenceItem> sectors = reference.sectors();
        long[] units = {province, qingzhou, yunzhou, jiangkou};
        // day from today, start time, organizing unit, topic, venue, lecturer, sector of the audience
        Slot[] slots = {
                new Slot(-20, 9, 30, 0, 0, 0, 0, 0), new Slot(-16, 14, 30, 1, 0, 2, 4, 1),
                new Slot(-13, 9, 0, 2, 1, 3, 1, 2), new Slot(-9, 14, 30, 3, 2, 4, 2, 5),
                new Slot(-6, 9, 30, 0, 1, 1, 1, 0), new Slot(-2, 14, 30, 0, 0, 1, 0, 1),
                new Slot(0, 15, 0, 1, 0, 2, 4, 0), new Slot(2, 9, 30, 0, 0, 0, 0, 1),
                new Slot(5, 14, 30, 2, 1, 3, 1, 0), new Slot(8, 9, 30, 1, 2, 2, 2, 5),
                new Slot(10, 14, 30, 3, 0, 4, 3, 3), new Slot(12, 9, 30, 0, 1, 0, 1, 2),
                new Slot(15, 14, 30, 1, 0, 2, 4, 0), new Slot(19, 9, 30, 0, 0, 1, 0, 1)};
        String[] titles = {"学习贯彻党的二十届三中全会精神", "铸牢中华民族共同体意识", "“两个健康”与民营经济高质量发展"};
        List<Long> held = new ArrayList<>();
        Long today0 = null;
        Long ordered = null;
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            // Today's starts within the hour, so that its door opens while someone tries the demo.
            Instant start = s.day() == 0 ? clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS)
                    : today.plusDays(s.day()).atTime(LocalTime.of(s.hour(), s.minute())).atZone(Application.ZONE).toInstant();
            Instant end = start.plusSeconds(2 * 3600);
            long unit = units[s.unit()];
            boolean named = s.day() == 0 || s.day() == 2 || s.day() == 15;
            Audience audience = new Audience(Set.of(sectors.get(s.sector()).id()), Set.of(), Set.of(unit), false,
                    named ? Set.of(people.get(0)) : Set.of());
            Long group = s.unit() == 0 ? Long.valueOf(provinceGroup) : s.unit() == 1 ? Long.valueOf(qingzhouGroup) : null;
            String place = switch (s.unit()) {
                case 0 -> "省直专场";
                case 1 -> "青州专场";
                case 2 -> "云州专场";
                default -> "江口专场";
            };
            long id = lectures.create(new LectureData(topics[s.topic()], titles[s.topic()] + " · " + place, unit, group,
                    Set.of(lecturers.get(s.lecturer())), venues[s.venue()], null, start, end, 40 + 10 * i,
                    BigDecimal.valueOf(2), audience, LectureData.OPENS_BEFORE, LectureData.LATE_AFTER,
                    LectureData.CLOSES_AFTER));
            if (s.day() == 19) {
                continue; // still being planned: only organizers see it
            }
            lectures.publish(id, lectures.get(id).version());
            if (s.day() == 10) {
                lectures.cancel(id, lectures.get(id).version(), "宣讲员临时承担省委重要任务，另行安排时间");
            } else if (s.day() < 0) {
                signInRegister(id);
                lectures.markHeld(id);
                held.add(id);
            } else if (s.day() == 0) {
                today0 = id;
            } else if (s.day() == 8) {
                ordered = id;
            }
        }
        for (int k = 0; k < held.size(); k++) {
            long id = held.get(k);
            if (k < held.size() - 1) { // the last one's report is still due (the demo lecturer's)
                report(id, k % 2 == 0 ? "ACCEPTED" : "SUBMITTED");
            }
            feedback(id, k);
        }
        orders(topics, provinceGroup, qingzhouGroup, qingzhou, yunzhou, jiangkou, venues, today, ordered);
        log.info("Demo lectures loaded: {} lecturers, 2 groups, {} topics, {} lectures (today's: {})", lecturers.size(),
                topics.length, slots.length, today0);
    }

    private long group(String name, long unit, long leader, List<Long> members) {
        long id = jdbc.sql("insert into lecture_group (name, unit_id, leader_id) values (:n, :u, :l) returning id")
                .param("n", name).param("u", unit).param("l", leader).query(Long.class).single();
        for (Long m : members) {
            jdbc.sql("insert into lecture_group_member (group_id, person_id) values (:g, :p)").param("g", id).param("p", m).update();
        }
        return id;
    }

    private long topic(String title, String summary, long unit, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        insert into lecture_topic (title, summary, unit_id, current_from, current_to, menu_open)
                        values (:t, :s, :u, :f, :to, true) returning id""")
                .param("t", title).param("s", summary).param("u", unit).param("f", from).param("to", to)
                .query(Long.class).single();
    }

    private long venue(String name, String address, int capacity, long unit) {
        return jdbc.sql("insert into lecture_venue (name, address, capacity, unit_id) values (:n, :a, :c, :u) returning id")
                .param("n", name).param("a", address).param("c", capacity).param("u", unit).query(Long.class).single();
    }

    /** Most of the invited came (a few late), every seventh did not: as if typed in from the paper sheet. */
    private void signInRegister(long lectureId) {
        List<Long> invitees = jdbc.sql("select person_id from lecture_invitee where lecture_id = :l order by person_id")
                .param("l", lectureId).query(Long.class).list();
        List<Long> present = new ArrayList<>(), late = new ArrayList<>(), absent = new ArrayList<>();
        for (int k = 0; k < invitees.size(); k++) {
            (k % 7 == 3 ? absent : k % 11 == 5 ? late : present).add(invitees.get(k));
        }
        OccasionRef ref = new OccasionRef("LECTURE", lectureId);
        if (!present.isEmpty()) {
            signIn.mark(ref, present, AttendanceStatus.PRESENT, "纸质签到表补录");
        }
        if (!late.isEmpty()) {
            signIn.mark(ref, late, AttendanceStatus.LATE, "纸质签到表补录：迟到");
        }
        if (!absent.isEmpty()) {
            signIn.mark(ref, absent, AttendanceStatus.ABSENT, "纸质签到表补录：缺席");
        }
    }

    private void report(long lectureId, String status) {
        long came = jdbc.sql("""
                        select count(*) from lecture_invitee li where li.lecture_id = :l and li.person_id % 7 <> 3""")
                .param("l", lectureId).query(Long.class).single();
        Instant filed = jdbc.sql("select ends_at + interval '1 day' from lecture where id = :l").param("l", lectureId)
                .query(Timestamp.class).single().toInstant();
        jdbc.sql("""
                        insert into lecture_report (lecture_id, actual_count, summary, status, filed_by, filed_at, reviewed_by, reviewed_at)
                        values (:l, :c, :s, :st, 'lecturer', :f, :rb, :ra)""")
                .param("l", lectureId).param("c", (int) came)
                .param("s", "宣讲围绕主题展开，结合本地实际讲解了会议精神的主要内容和统一战线的新任务。现场互动交流踊跃，"
                            + "听众就民营经济发展、基层协商等问题提问，宣讲员逐一作答。会后发放了学习资料。")
                .param("st", status).param("f", Timestamp.from(filed))
                .param("rb", "ACCEPTED".equals(status) ? "organizer" : null)
                .param("ra", "ACCEPTED".equals(status) ? Timestamp.from(filed.plusSeconds(86_400)) : null).update();
    }

    /** A handful of answers per held lecture, some anonymous (no person, only the day). */
    private void feedback(long lectureId, int seed) {
        List<Long> who = jdbc.sql("""
                        select person_id from lecture_invitee where lecture_id = :l and person_id % 7 <> 3
                        order by person_id limit 6""").param("l", lectureId).query(Long.class).list();
        List<Long> questions = jdbc.sql("select id from feedback_question where active order by position").query(Long.class).list();
        LocalDate day = jdbc.sql("select (ends_at at time zone 'Asia/Shanghai')::date + 1 from lecture where id = :l")
                .param("l", lectureId).query(LocalDate.class).single();
        String[] comments = {"讲得很透彻，联系实际，收获很大。", "希望多安排互动交流的时间。", null, "案例丰富，通俗易懂。", null, "会场有点远，建议就近安排。"};
        for (int k = 0; k < who.size(); k++) {
            boolean anonymous = k % 2 == 1;
            String id = jdbc.sql("""
                            insert into lecture_feedback (lecture_id, person_id, comment, given_on) values (:l, :p, :c, :d)
                            returning id::text""")
                    .param("l", lectureId).param("p", anonymous ? null : who.get(k)).param("c", comments[k])
                    .param("d", day).query(String.class).single();
            for (int q = 0; q < questions.size(); q++) {
                int rating = 5 - ((k + q + seed) % 4 == 0 ? 1 : 0) - ((k * q + seed) % 5 == 0 ? 1 : 0);
                jdbc.sql("insert into lecture_feedback_rating (feedback_id, question_id, rating) values (:f::uuid, :q, :r)")
                        .param("f", id).param("q", questions.get(q)).param("r", rating).update();
            }
            jdbc.sql("insert into lecture_feedback_given (lecture_id, person_id) values (:l, :p)")
                    .param("l", lectureId).param("p", who.get(k)).update();
        }
    }

    /** Orders from the cities in each state: waiting, another time proposed, declined, and one accepted and scheduled. */
    private void orders(long[] topics, long provinceGroup, long qingzhouGroup, long qingzhou, long yunzhou,
                        long jiangkou, long[] venues, LocalDate today, long scheduled) {
        Instant now = clock.instant();
        order(qingzhou, topics[0], yunzhou, provinceGroup, today.plusDays(14), today.plusDays(28), "云州市各民主党派市委会骨干成员",
                80, venues[3], "希望安排在周四下午", "PENDING", null, null, now);
        order(qingzhou, topics[1], jiangkou, provinceGroup, today.plusDays(7), today.plusDays(10), "江口市少数民族代表人士", 60,
                venues[4], null, "PROPOSED", today.plusDays(16).atTime(9, 30).atZone(Application.ZONE).toInstant(),
                "所选日期宣讲员已有安排，建议改至该日上午", now);
        order(qingzhou, topics[0], qingzhou, provinceGroup, today.plusDays(3), today.plusDays(4), "青州市新的社会阶层人士", 50,
                null, null, "DECLINED", null, "该时段宣讲团集中备课，请改选下月日期重新点单", now);
        order(qingzhou, topics[2], qingzhou, qingzhouGroup, today.plusDays(20), today.plusDays(30), "青山区民营企业负责人", 40,
                venues[2], "可结合区工商联会员大会", "PENDING", null, null, now);
        long accepted = order(qingzhou, topics[2], qingzhou, qingzhouGroup, today.plusDays(6), today.plusDays(9), "青州市民营经济人士",
                110, venues[2], null, "ACCEPTED", null, null, now);
        jdbc.sql("update lecture set order_id = :o where id = :l").param("o", accepted).param("l", scheduled).update();
    }

    private long order(long qingzhou, long topic, long unit, long group, LocalDate from, LocalDate to, String audience, int expected,
                       Long venue, String note, String status, Instant proposed, String reason, Instant now) {
        return jdbc.sql("""
                        insert into lecture_order (topic_id, unit_id, group_id, preferred_from, preferred_to, audience,
                                                   expected_count, venue_id, note, status, proposed_start, proposed_end,
                                                   decision_reason, ordered_by, ordered_at, decided_by, decided_at)
                        values (:t, :u, :g, :f, :to, :a, :e, :v, :n, :s, :ps, :pe, :r, :by, :now, :db, :da)
                        returning id""")
                .param("t", topic).param("u", unit).param("g", group).param("f", from).param("to", to).param("a", audience)
                .param("e", expected).param("v", venue).param("n", note).param("s", status)
                .param("ps", proposed == null ? null : Timestamp.from(proposed))
                .param("pe", proposed == null ? null : Timestamp.from(proposed.plusSeconds(7200)))
                .param("r", reason).param("now", Timestamp.from(now.minusSeconds(3 * 86_400)))
                .param("db", "PENDING".equals(status) ? null : "organizer")
                .param("da", "PENDING".equals(status) ? null : Timestamp.from(now.minusSeconds(86_400)))
                .param("by", unit == qingzhou ? "qingzhou" : "organizer").query(Long.class).single();
    }
}
