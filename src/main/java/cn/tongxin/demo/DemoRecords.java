package cn.tongxin.demo;

import cn.tongxin.record.SelfStudy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Demo self-study (自学): the demo trainee's entries in every state (verified, waiting, sent back) and a handful of
 * others' waiting in the checker's queue. The entries are written as the trainees would have typed them (seed data
 * has nobody signed in to type them); the checker's decisions go through the service, so that verified hours reach
 * the archive as the portal itself puts them there. Sessions and lectures are in the archives already: the demo
 * rotation and lectures sign people in through the sign-in service.
 */
@Component
class DemoRecords {

    private static final Logger log = LoggerFactory.getLogger(DemoRecords.class);

    private final JdbcClient jdbc;
    private final SelfStudy selfStudy;
    private final Clock clock;

    DemoRecords(JdbcClient jdbc, SelfStudy selfStudy, Clock clock) {
        this.jdbc = jdbc;
        this.selfStudy = selfStudy;
        this.clock = clock;
    }

    private record Entry(int person, String title, int daysAgo, String kind, String hours, String note, String decision) {
    }

    void load(DemoData.DemoAccounts accounts) {
        List<Entry> entries = List.of(
                new Entry(0, "研读《中国新型政党制度》白皮书", 40, "READING", "3", "结合本党派参政议政实践撰写学习体会一篇", "VERIFY"),
                new Entry(0, "学习强国“统一战线”专题课程", 25, "ONLINE_COURSE", "4", "完成 8 讲，附学习记录截图", "VERIFY"),
                new Entry(0, "支部集中学习全会精神", 12, "STUDY_GROUP", "2", "支部书记领学，交流发言", "RETURN"),
                new Entry(0, "自学《习近平关于做好新时代党的统一战线工作的重要思想》", 3, "READING", "2.5", null, null),
                new Entry(12, "参加市政协委员读书活动", 9, "STUDY_GROUP", "3", "读书群线上交流", null),
                new Entry(24, "观看“铸牢中华民族共同体意识”专题讲座录像", 6, "ONLINE_COURSE", "2", null, null),
                new Entry(36, "研读民营经济促进法", 4, "READING", "1.5", "结合企业实际写心得", null));
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        int made = 0;
        for (Entry e : entries) {
            long person = accounts.personIds().get(e.person());
            LocalDate studied = today.minusDays(e.daysAgo());
            Instant entered = studied.plusDays(1).atTime(20, 0).atZone(clock.getZone()).toInstant();
            Instant at = entered.isAfter(now) ? now : entered;
            long id = jdbc.sql("""
                            insert into self_study (person_id, unit_id, title, studied_on, kind, hours, note, created_at, updated_at)
                            select p.id, p.unit_id, :title, :on, :kind, :hours, :note, :at, :at from person p where p.id = :p
                            returning id""")
                    .param("p", person).param("title", e.title()).param("on", studied).param("kind", e.kind())
                    .param("hours", new BigDecimal(e.hours())).param("note", e.note()).param("at", Timestamp.from(at))
                    .query(Long.class).single();
            jdbc.sql("""
                            insert into self_study_decision (entry_id, action, decided_by, decided_at)
                            values (:id, 'SUBMITTED', coalesce((select min(username) from account where person_id = :p), 'demo'), :at)""")
                    .param("id", id).param("p", person).param("at", Timestamp.from(at)).update();
            if ("VERIFY".equals(e.decision())) {
                selfStudy.verify(id, 0);
            } else if ("RETURN".equals(e.decision())) {
                selfStudy.sendBack(id, 0, "请补充集中学习的签到表或会议记录照片");
            }
            made++;
        }
        log.info("Demo self-study loaded: {} entries", made);
    }
}
