package cn.tongxin.rotation;

import java.util.Map;

/**
 * The SQL of a plan's population, per-person training state and the like, set-based over person, person_sector and
 * unit (read models over the people module's tables; no entity is loaded).
 */
final class Population {

    private Population() {
    }

    /** Seat-holding statuses that mean "enrolled, not finished yet". */
    static final String OPEN = "('INVITED','CONFIRMED')";

    /**
     * A where-clause over {@code p} (person) and {@code u} (its unit) selecting the plan's population inside
     * {@code scopePath} (a unit-path prefix).
     */
    static String where(PlanDetail plan, String scopePath, Map<String, Object> params) {
        params.put("popScope", scopePath + "%");
        params.put("popPlanPath", plan.unitPath() + "%");
        params.put("popPlan", plan.id());
        String named = "exists (select 1 from rotation_plan_person pp where pp.plan_id = :popPlan and pp.person_id = p.id)";
        return "u.path like :popScope and u.path like :popPlanPath and " + plan.data().audience().where(named, "pop", params);
    }

    /**
     * Common table expressions (trained and enrolled are computed over the plan's classes alone and joined to the
     * population by hash, never per person) {@code pop(person_id, unit_id, path, name)}, {@code trained(person_id, trained_at)},
     * {@code enrolled(person_id)} for a plan inside a scope.
     */
    static String ctes(PlanDetail plan, String scopePath, Map<String, Object> params) {
        PlanData d = plan.data();
        params.put("cs", d.cycleStart());
        params.put("ce", d.cycleEnd());
        params.put("minDays", d.minDays());
        params.put("minHours", d.minHours());
        String counting = """
                from rotation_enrollment e join rotation_class c on c.id = e.class_id
                join rotation_class_plan cp on cp.class_id = c.id and cp.plan_id = :popPlan
                """;
        String trained = d.requirement() == Requirement.CLASS
                ? "select e.person_id, min(e.completed_at) as trained_at " + counting
                  + " where e.status = 'COMPLETED' and c.end_date between :cs and :ce"
                  + " and c.end_date - c.start_date + 1 >= :minDays group by e.person_id"
                : "select e.person_id, max(e.completed_at) as trained_at " + counting
                  + " where e.status = 'COMPLETED' and c.end_date between :cs and :ce"
                  + " group by e.person_id having sum(coalesce(e.hours, 0)) >= :minHours";
        return "pop as (select p.id as person_id, p.unit_id, u.path, p.name from person p join unit u on u.id = p.unit_id where "
               + where(plan, scopePath, params) + "),\n"
               + "trained as (" + trained + "),\n"
               + "enrolled as (select distinct e.person_id " + counting
               + " where e.status in " + OPEN + " and c.status <> 'CLOSED' and c.end_date between :cs and :ce)\n";
    }

    /**
     * For the population queries of this transaction: plan each with its actual parameters (a generic plan cannot
     * see the unit-path prefix or the cycle dates and may pick nested loops over 100,000 people), and give the
     * hash joins and aggregates enough memory not to spill.
     */
    static void tune(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        jdbc.sql("set local work_mem = '64MB'").update();
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
