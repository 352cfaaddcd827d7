package cn.tongxin.lecture;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.base.DomainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LectureOrdersTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    @Autowired LectureOrders orders;
    @Autowired LectureService lectures;
    @Autowired OrderFixtures fixtures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
    }

    /** qingzhou orders the fixture's province topic for its city. */
    private long order(OrderFixtures.Setup s, String audience, String note) {
        users.signIn("qingzhou");
        LocalDate from = LocalDate.now().plusDays(40);
        return orders.order(s.base().topicId(), s.cityId(), from, from.plusDays(10), audience, 80, null, note);
    }

    private List<String> subjectsTo(String email, long orderId) {
        return jdbc.sql("select subject from mail_outbox where recipient = :r and dedup_key like :k order by id")
                .param("r", email).param("k", "lecture-order:" + orderId + ":%").query(String.class).list();
    }

    private String lastBodyTo(String email, long orderId) {
        return jdbc.sql("select body from mail_outbox where recipient = :r and dedup_key like :k order by id desc limit 1")
                .param("r", email).param("k", "lecture-order:" + orderId + ":%").query(String.class).single();
    }

    @Test
    void a_province_topic_is_on_the_city_menu_and_an_order_goes_pending_with_a_mail_to_the_city_organizers() {
        OrderFixtures.Setup s = fixtures.setup("menu");
        users.signIn("qingzhou");
        assertThat(orders.menu()).extracting(MenuTopic::id).contains(s.base().topicId());

        long id = order(s, "全市民主党派骨干", null);

        LectureOrderRow row = orders.get(id);
        assertThat(row.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(row.canAnswer()).isTrue();
        assertThat(row.canDecide()).isFalse();
        assertThat(orders.ours()).extracting(LectureOrderRow::id).contains(id);
        assertThat(subjectsTo(s.organizerEmail(), id)).containsExactly("宣讲点单已提交：" + row.topicTitle());
    }

    @Test
    void accepting_an_order_schedules_a_lecture_linked_to_it_and_mails_the_ordering_unit() {
        OrderFixtures.Setup s = fixtures.setup("accept");
        long id = order(s, "新的社会阶层人士", "请安排在下午");

        users.signIn("organizer");
        LectureOrderRow row = orders.toDecide().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        assertThat(row.canDecide()).isTrue();
        Instant start = inDays(45);
        long lecture = orders.accept(id, row.version(), s.lecture(start, start.plus(Duration.ofHours(2))));

        LectureDetail d = lectures.get(lecture);
        assertThat(d.orderId()).isEqualTo(id);
        assertThat(d.data().unitId()).isEqualTo(s.cityId());
        assertThat(d.data().groupId()).isEqualTo(orders.get(id).groupId());
        assertThat(d.data().startsAt()).isEqualTo(start);
        LectureOrderRow after = orders.get(id);
        assertThat(after.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(after.lectureId()).isEqualTo(lecture);
        assertThat(subjectsTo(s.organizerEmail(), id)).hasSize(2).last().asString().startsWith("宣讲点单已安排");
        assertThat(lastBodyTo(s.organizerEmail(), id)).contains("/lecture-orders");
        assertThat(jdbc.sql("select actor || ':' || action from audit_event where target_type = 'LECTURE_ORDER' and target_id = :id order by id")
                .param("id", id).query(String.class).list()).containsExactly("qingzhou:ORDER", "organizer:ORDER_ACCEPT");
    }

    @Test
    void a_proposed_time_agreed_by_the_ordering_unit_becomes_the_lecture_time() {
        OrderFixtures.Setup s = fixtures.setup("propose");
        long id = order(s, "统战干部", null);
        users.signIn("organizer");
        Instant proposed = inDays(50);
        orders.propose(id, orders.get(id).version(), proposed, proposed.plus(Duration.ofHours(3)), "宣讲员当周外出");
        assertThat(subjectsTo(s.organizerEmail(), id)).last().asString().startsWith("宣讲点单建议改期");
        assertThat(lastBodyTo(s.organizerEmail(), id)).contains("宣讲员当周外出");

        users.signIn("qingzhou");
        LectureOrderRow proposedRow = orders.get(id);
        assertThat(proposedRow.status()).isEqualTo(OrderStatus.PROPOSED);
        assertThat(proposedRow.proposedStart()).isEqualTo(proposed);
        orders.acceptProposal(id, proposedRow.version());
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.AGREED);

        users.signIn("organizer");
        // The form's own time does not count: the agreed time does.
        Instant other = inDays(60);
        long lecture = orders.accept(id, orders.get(id).version(), s.lecture(other, other.plus(Duration.ofHours(1))));
        assertThat(lectures.get(lecture).data().startsAt()).isEqualTo(proposed);
        assertThat(lectures.get(lecture).data().endsAt()).isEqualTo(proposed.plus(Duration.ofHours(3)));
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(subjectsTo(s.organizerEmail(), id)).hasSize(4);
    }

    @Test
    void a_decline_needs_a_reason_which_the_ordering_unit_reads_literally() {
        OrderFixtures.Setup s = fixtures.setup("decline");
        long id = order(s, HOSTILE, HOSTILE);
        users.signIn("organizer");
        int version = orders.get(id).version();
        assertThatThrownBy(() -> orders.decline(id, version, "  ")).isInstanceOf(DomainException.class)
                .hasMessage("lecture.orders.error.reason-required");

        orders.decline(id, version, "  " + HOSTILE + "  ");

        LectureOrderRow row = orders.get(id);
        assertThat(row.status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(row.decisionReason()).isEqualTo(HOSTILE);
        assertThat(row.audience()).isEqualTo(HOSTILE);
        assertThat(lastBodyTo(s.organizerEmail(), id)).contains("原因：" + HOSTILE);
        // Final: neither side can move it any more.
        assertThatThrownBy(() -> orders.accept(id, row.version(), s.lecture(inDays(70), inDays(70).plus(Duration.ofHours(1)))))
                .isInstanceOf(DomainException.class).hasMessage("lecture.orders.error.wrong-step");
        users.signIn("qingzhou");
        assertThatThrownBy(() -> orders.withdraw(id, row.version())).isInstanceOf(DomainException.class)
                .hasMessage("lecture.orders.error.wrong-step");
    }

    @Test
    void the_database_refuses_a_step_out_of_order_and_an_accepted_order_without_a_lecture() {
        OrderFixtures.Setup s = fixtures.setup("db");
        long id = order(s, "听众", null);
        assertThatThrownBy(() -> jdbc.sql("update lecture_order set status = 'AGREED', proposed_start = now() + interval '2 days',"
                                          + " proposed_end = now() + interval '2 days 1 hour', decided_by = 'x', decided_at = now() where id = :id")
                .param("id", id).update()).hasMessageContaining("lecture_order_step");
        assertThatThrownBy(() -> jdbc.sql("update lecture_order set status = 'DECLINED', decided_by = 'x', decided_at = now() where id = :id")
                .param("id", id).update()).hasMessageContaining("lecture_order_check");
        assertThatThrownBy(() -> jdbc.sql("update lecture_order set status = 'ACCEPTED', decided_by = 'x', decided_at = now() where id = :id")
                .param("id", id).update()).hasMessageContaining("lecture_order_scheduled");
    }

    @Test
    void a_stale_second_accept_is_told_of_the_concurrent_change() {
        OrderFixtures.Setup s = fixtures.setup("stale");
        long id = order(s, "听众", null);
        users.signIn("organizer");
        int version = orders.get(id).version();
        Instant start = inDays(80);
        orders.accept(id, version, s.lecture(start, start.plus(Duration.ofHours(2))));
        Instant later = inDays(81);
        assertThatThrownBy(() -> orders.accept(id, version, s.lecture(later, later.plus(Duration.ofHours(2)))))
                .isInstanceOf(DomainException.class).hasMessage("error.concurrent-change");
        assertThat(jdbc.sql("select count(*) from lecture where order_id = :id").param("id", id).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void two_organizers_accepting_at_the_same_moment_schedule_one_lecture_and_the_other_is_told() throws Exception {
        OrderFixtures.Setup s = fixtures.setup("race");
        long id = order(s, "听众", null);
        users.signIn("organizer");
        int version = orders.get(id).version();
        SecurityContextHolder.clearContext();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> a = pool.submit(() -> acceptAs(id, version, s, 90, go));
            Future<Object> b = pool.submit(() -> acceptAs(id, version, s, 92, go));
            go.countDown();
            List<Object> outcomes = List.of(a.get(), b.get());
            assertThat(outcomes).filteredOn(o -> o instanceof Long).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof DomainException de && de.key().equals("error.concurrent-change"))
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from lecture where order_id = :id").param("id", id).query(Long.class).single())
                .isEqualTo(1);
    }

    private Object acceptAs(long id, int version, OrderFixtures.Setup s, int days, CountDownLatch go) throws Exception {
        users.signIn("organizer");
        try {
            go.await();
            Instant start = inDays(days);
            return orders.accept(id, version, s.lecture(start, start.plus(Duration.ofHours(2))));
        } catch (DomainException e) {
            return e;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void a_city_organizer_neither_sees_nor_decides_another_citys_orders() {
        OrderFixtures.Setup s = fixtures.setup("scope");
        // The other city's own topic and group; the province organizer orders it for that city.
        long topic = jdbc.sql("""
                        insert into lecture_topic (title, unit_id, current_from, current_to, menu_open)
                        values ('他市主题', :u, current_date - 1, current_date + 100, true) returning id""")
                .param("u", s.otherCityId()).query(Long.class).single();
        jdbc.sql("insert into lecture_group (name, unit_id) values (:n, :u)").param("n", "他市宣讲团" + System.nanoTime())
                .param("u", s.otherCityId()).update();
        users.signIn("organizer");
        LocalDate from = LocalDate.now().plusDays(20);
        long theirs = orders.order(topic, s.otherCityId(), from, from, "他市听众", 20, null, null);
        long provinceTopicOrder = orders.order(s.base().topicId(), s.otherCityId(), from, from, "他市听众", 20, null, null);

        users.signIn("qingzhou");
        assertThat(orders.menu()).extracting(MenuTopic::id).doesNotContain(topic);
        assertThat(orders.toDecide()).extracting(LectureOrderRow::id).doesNotContain(theirs, provinceTopicOrder);
        assertThat(orders.ours()).extracting(LectureOrderRow::id).doesNotContain(theirs, provinceTopicOrder);
        assertThatThrownBy(() -> orders.get(theirs)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> orders.decline(theirs, 0, "不行")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> orders.withdraw(theirs, 0)).isInstanceOf(AccessDeniedException.class);
        Instant start = inDays(30);
        assertThatThrownBy(() -> orders.accept(provinceTopicOrder, 0, s.lecture(start, start.plus(Duration.ofHours(1)))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> orders.order(topic, s.otherCityId(), from, from, "x", 1, null, null))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void free_text_is_trimmed_and_limited() {
        OrderFixtures.Setup s = fixtures.setup("limits");
        users.signIn("qingzhou");
        LocalDate from = LocalDate.now().plusDays(5);
        assertThatThrownBy(() -> orders.order(s.base().topicId(), s.cityId(), from, from, "x".repeat(501), 10, null, null))
                .isInstanceOf(DomainException.class).hasMessage("lecture.orders.error.too-long");
        assertThatThrownBy(() -> orders.order(s.base().topicId(), s.cityId(), from, from, "   ", 10, null, null))
                .isInstanceOf(DomainException.class).hasMessage("lecture.orders.error.audience-required");
        assertThatThrownBy(() -> orders.order(s.base().topicId(), s.cityId(), from, from.minusDays(1), "听众", 10, null, null))
                .isInstanceOf(DomainException.class).hasMessage("lecture.orders.error.dates");
        long id = orders.order(s.base().topicId(), s.cityId(), from, from, "  听众  ", 10, null, "  ");
        assertThat(orders.get(id).audience()).isEqualTo("听众");
        assertThat(orders.get(id).note()).isNull();
    }
}
