package cn.tongxin.rotation;

import cn.tongxin.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CapacityConcurrencyTest {

    @Autowired
    Fixtures f;
    @Autowired
    EnrollmentService enrollment;
    @Autowired
    RotationService rotation;
    @Autowired
    JdbcClient jdbc;

    @Test
    @WithUserDetails("organizer")
    void fifty_parallel_enrollments_into_ten_free_seats_enroll_exactly_ten() throws Exception {
        long cls = f.classWithSessions("并发", "江川省委统战部", LocalDate.of(2042, 6, 1), 2, 10, Set.of());
        List<Long> people = f.people(50, "临河县委统战部", 0);
        SecurityContext context = SecurityContextHolder.getContext();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<FillResult>> results = new ArrayList<>();
        try {
            for (long person : people) {
                results.add(pool.submit(() -> {
                    SecurityContextHolder.setContext(context);
                    try {
                        go.await();
                        return enrollment.enroll(cls, List.of(person), false);
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                }));
            }
            go.countDown();
            int enrolled = 0, full = 0;
            for (Future<FillResult> r : results) {
                enrolled += r.get().enrolled();
                full += r.get().full();
            }
            assertThat(enrolled).isEqualTo(10);
            assertThat(full).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        long rows = jdbc.sql("select count(*) from rotation_enrollment where class_id = :c and status = 'INVITED'")
                .param("c", cls).query(Long.class).single();
        assertThat(rows).isEqualTo(10);
        assertThat(rotation.classDetail(cls).enrolled()).isEqualTo(10);
    }

    @Test
    void the_database_itself_refuses_more_seats_than_the_capacity() {
        long cls = jdbc.sql("""
                insert into rotation_class (title, unit_id, start_date, end_date, capacity) values ('约束', 1, date '2043-01-01', date '2043-01-02', 1)
                returning id""").query(Long.class).single();
        jdbc.sql("update rotation_class set enrolled = 1 where id = :c").param("c", cls).update();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        jdbc.sql("update rotation_class set enrolled = 2 where id = :c").param("c", cls).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }
}
