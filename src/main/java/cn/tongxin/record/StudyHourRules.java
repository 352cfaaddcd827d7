package cn.tongxin.record;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

/**
 * The study-hour rules an administrator sets (V051): the self-study caps and the yearly targets. Everyone signed in
 * may read them (the archive shows them); only an administrator changes them, audited.
 */
@Service
public class StudyHourRules {

    static final BigDecimal MAX_ENTRY_CAP = new BigDecimal("24");
    static final BigDecimal MAX_HOURS = new BigDecimal("2000");

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;

    StudyHourRules(JdbcClient jdbc, AuditService audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public HourRules rules() {
        var sectors = jdbc.sql("""
                        select s.id, s.name, t.target from sector s left join study_hour_target t on t.sector_id = s.id
                        where s.active order by s.sort_order, s.name""")
                .query((rs, n) -> new HourRules.SectorTarget(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3))).list();
        return jdbc.sql("select self_study_entry_cap, self_study_year_cap, default_target, version from study_hour_rule")
                .query((rs, n) -> new HourRules(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getInt(4),
                        sectors)).single();
    }

    /**
     * Replaces the rules. {@code sectorTargets} holds every sector's own target (a null or missing one: the default
     * applies). Refused when another administrator changed them since {@code expectedVersion} was read.
     */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public void update(BigDecimal entryCap, BigDecimal yearCap, BigDecimal defaultTarget, Map<Long, BigDecimal> sectorTargets,
                       int expectedVersion) {
        BigDecimal entry = hours(entryCap, MAX_ENTRY_CAP, false);
        BigDecimal year = hours(yearCap, MAX_HOURS, true);
        BigDecimal target = hours(defaultTarget, MAX_HOURS, true);
        int changed = jdbc.sql("""
                        update study_hour_rule set self_study_entry_cap = :e, self_study_year_cap = :y, default_target = :t,
                               version = version + 1, updated_at = :now, updated_by = :by
                        where version = :v""")
                .param("e", entry).param("y", year).param("t", target).param("now", Timestamp.from(clock.instant()))
                .param("by", Callers.require().username()).param("v", expectedVersion).update();
        if (changed == 0) {
            throw new DomainException("record.hours.error.changed");
        }
        jdbc.sql("delete from study_hour_target").update();
        sectorTargets.forEach((sector, value) -> {
            if (value != null) {
                jdbc.sql("insert into study_hour_target (sector_id, target) values (:s, :t)")
                        .param("s", sector).param("t", hours(value, MAX_HOURS, true)).update();
            }
        });
        audit.record(AuditService.UPDATE, "STUDY_HOUR_RULES", 1L, "study_hour_rule",
                AuditDetail.of("record.hours.audit.rules", entry.toPlainString(), year.toPlainString(), target.toPlainString()));
    }

    /**
     * The person's yearly target: the highest of their sectors' targets, a sector without its own counting with the
     * default; the default for a person of no sector.
     */
    BigDecimal targetOf(long personId) {
        return jdbc.sql("""
                        select coalesce(max(coalesce(t.target, r.default_target)), min(r.default_target))
                        from study_hour_rule r left join person_sector ps on ps.person_id = :p
                        left join study_hour_target t on t.sector_id = ps.sector_id""")
                .param("p", personId).query(BigDecimal.class).single();
    }

    /** The caps, read with the target in the archive's transaction. */
    BigDecimal[] caps() {
        return jdbc.sql("select self_study_entry_cap, self_study_year_cap from study_hour_rule")
                .query((rs, n) -> new BigDecimal[]{rs.getBigDecimal(1), rs.getBigDecimal(2)}).single();
    }

    private static BigDecimal hours(BigDecimal value, BigDecimal max, boolean zeroAllowed) {
        if (value == null || value.signum() < 0 || (!zeroAllowed && value.signum() == 0) || value.compareTo(max) > 0) {
            throw new DomainException("record.hours.error.range", max.toPlainString());
        }
        return value.setScale(1, RoundingMode.HALF_UP);
    }
}
