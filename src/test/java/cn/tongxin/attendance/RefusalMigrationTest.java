package cn.tongxin.attendance;

import cn.tongxin.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** V034 on refusals of the old kind (a row per try): it folds them into counted rows without losing a try. */
@IntegrationTest
class RefusalMigrationTest {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transaction;

    @Test
    void the_rows_of_one_try_each_are_folded_per_ten_minutes_into_counted_rows() throws Exception {
        String migration = new ClassPathResource("db/migration/V034__bounded_sign_in_refusals.sql")
                .getContentAsString(StandardCharsets.UTF_8).replace("sign_in_refusal", "refusal_fold_check");
        transaction.executeWithoutResult(tx -> {
            // The table as V020 made it, filled as the portal did before: five tries by one phone within ten minutes,
            // one more later, and two of nobody known from nowhere (all nulls) within the same ten minutes.
            jdbc.sql("""
                    create table refusal_fold_check (
                        id bigserial primary key, occasion_kind varchar(20), occasion_id bigint, person_id bigint,
                        reason varchar(20) not null, device_id varchar(64), remote_address varchar(64), at timestamptz not null)""")
                    .update();
            jdbc.sql("""
                    insert into refusal_fold_check (occasion_kind, occasion_id, person_id, reason, device_id, remote_address, at)
                    select 'TEST', 7, null::bigint, 'WRONG_CODE', 'd1', '10.0.0.1', timestamptz '2026-05-01 08:00:00+08' + g * interval '1 minute'
                    from generate_series(0, 4) g
                    union all select 'TEST', 7, null, 'WRONG_CODE', 'd1', '10.0.0.1', timestamptz '2026-05-01 08:25:00+08'
                    union all select null, null, null, 'WRONG_CODE', null, null, timestamptz '2026-05-01 08:01:00+08'
                    union all select null, null, null, 'WRONG_CODE', null, null, timestamptz '2026-05-01 08:02:00+08'""")
                    .update();
            for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    jdbc.sql(statement).update();
                }
            }
            List<String> rows = jdbc.sql("""
                            select coalesce(device_id, '-') || ' ' || repeats || ' ' || to_char(at at time zone 'Asia/Shanghai', 'HH24:MI')
                                   || '-' || to_char(last_at at time zone 'Asia/Shanghai', 'HH24:MI')
                            from refusal_fold_check order by device_id nulls last, at""")
                    .query(String.class).list();
            assertThat(rows).containsExactly("d1 5 08:00-08:04", "d1 1 08:25-08:25", "- 2 08:01-08:02");
            tx.setRollbackOnly();
        });
    }
}
