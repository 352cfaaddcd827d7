package cn.tongxin.lecture.ui;

import cn.tongxin.TestUsers;
import cn.tongxin.ViewTest;
import cn.tongxin.lecture.CampaignState;
import cn.tongxin.lecture.CampaignTopic;
import cn.tongxin.lecture.LectureOrderRow;
import cn.tongxin.lecture.LectureOrders;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.OrderFixtures;
import cn.tongxin.lecture.OrderStatus;
import cn.tongxin.people.PersonOption;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LectureOrderViewsTest extends ViewTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    @Autowired OrderFixtures fixtures;
    @Autowired LectureOrders orders;
    @Autowired LectureService lectures;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    private long order(OrderFixtures.Setup s, String audience, String note) {
        LocalDate from = LocalDate.now().plusDays(120);
        return orders.order(s.base().topicId(), s.cityId(), from, from.plusDays(3), audience, 60, null, note);
    }

    @Test
    @WithUserDetails("qingzhou")
    void the_menu_shows_a_topic_as_a_card_and_its_order_form_sends_an_order() {
        OrderFixtures.Setup s = fixtures.setup("view-menu");
        jdbc.sql("update lecture_topic set title = :t, summary = :t where id = :id").param("t", HOSTILE)
                .param("id", s.base().topicId()).update();
        navigate(LectureMenuView.class);

        Div card = $(Div.class).id("menu-topic-" + s.base().topicId());
        assertThat(card.getChildren().filter(H3.class::isInstance).map(c -> ((H3) c).getText())).containsExactly(HOSTILE);
        test($(Button.class).id("menu-order-" + s.base().topicId())).click();
        LocalDate from = LocalDate.now().plusDays(30);
        test($(DatePicker.class).id("order-from")).setValue(from);
        test($(DatePicker.class).id("order-to")).setValue(from.plusDays(7));
        test($(TextArea.class).id("order-audience")).setValue(HOSTILE);
        test($(IntegerField.class).id("order-count")).setValue(120);
        test($(TextArea.class).id("order-note")).setValue(HOSTILE + " 备注");
        test($(Button.class).id("order-submit")).click();

        LectureOrderRow row = orders.ours().stream().filter(r -> r.topicId() == s.base().topicId()).findFirst().orElseThrow();
        assertThat(row.audience()).isEqualTo(HOSTILE);
        assertThat(row.note()).isEqualTo(HOSTILE + " 备注");
        assertThat(row.expectedCount()).isEqualTo(120);
        assertThat(row.preferredTo()).isEqualTo(from.plusDays(7));
    }

    @Test
    @WithUserDetails("organizer")
    void the_group_organizer_sees_a_clash_in_the_accept_dialog_then_schedules_the_lecture_linked_from_the_order() {
        OrderFixtures.Setup s = fixtures.setup("view-accept");
        long id = order(s, HOSTILE, HOSTILE);
        // The lecturer already lectures at the draft's time (the first preferred day, 09:00–11:00).
        Instant draft = orders.draft(id).startsAt();
        long busy = lectures.create(s.base().lecture("已有安排", draft, draft.plus(Duration.ofHours(1)), null));
        navigate(LectureOrdersView.class);

        assertThat($(Span.class).id("order-audience-decide-" + id).getText()).endsWith(HOSTILE);
        assertThat($(Span.class).id("order-note-decide-" + id).getText()).endsWith(HOSTILE);
        test($(Button.class).id("order-accept-" + id)).click();
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<PersonOption> lecturers = $(MultiSelectComboBox.class).id("accept-lecturers");
        lecturers.select(lecturers.getListDataView().getItems().filter(p -> p.id() == s.base().lecturerId()).findFirst().orElseThrow());
        assertThat($(Div.class).id("accept-clashes").getElement().getTextRecursively()).contains("已有安排");
        test($(Button.class).id("accept-save")).click();
        assertThat(orders.get(id).status()).isEqualTo(OrderStatus.PENDING);

        lectures.cancel(busy, lectures.get(busy).version(), "让出时间");
        test($(Button.class).id("accept-check")).click();
        assertThat($(Div.class).id("accept-clashes").getElement().getTextRecursively()).doesNotContain("已有安排");
        test($(Button.class).id("accept-save")).click();

        LectureOrderRow after = orders.get(id);
        assertThat(after.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat($(Anchor.class).id("order-lecture-decide-" + id).getHref()).isEqualTo("lectures/" + after.lectureId());
    }

    @Test
    @WithUserDetails("organizer")
    void the_group_organizer_proposes_a_time_and_declines_with_a_reason_from_the_cards() {
        OrderFixtures.Setup s = fixtures.setup("view-steps");
        long toPropose = order(s, "听众", null);
        long toDecline = order(s, "听众", null);
        navigate(LectureOrdersView.class);

        test($(Button.class).id("order-propose-" + toPropose)).click();
        LocalDate day = LocalDate.now().plusDays(140);
        test($(DatePicker.class).id("propose-date")).setValue(day);
        test($(TextArea.class).id("propose-reason")).setValue(HOSTILE);
        test($(Button.class).id("propose-send")).click();
        LectureOrderRow proposed = orders.get(toPropose);
        assertThat(proposed.status()).isEqualTo(OrderStatus.PROPOSED);
        assertThat(proposed.decisionReason()).isEqualTo(HOSTILE);
        assertThat(proposed.proposedStart().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate()).isEqualTo(day);
        assertThat($(Span.class).id("order-reason-decide-" + toPropose).getText()).isEqualTo("原因：" + HOSTILE);

        test($(Button.class).id("order-decline-" + toDecline)).click();
        test($(TextArea.class).id(cn.tongxin.base.ui.Confirm.REASON_ID)).setValue(HOSTILE);
        test($(Button.class).id(cn.tongxin.base.ui.Confirm.OK_ID)).click();
        assertThat(orders.get(toDecline).status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(orders.get(toDecline).decisionReason()).isEqualTo(HOSTILE);
        assertThat($(Button.class).all()).extracting(Button::getId).map(o -> o.orElse(""))
                .doesNotContain("order-decline-" + toDecline, "order-propose-" + toPropose);
    }

    @Test
    @WithUserDetails("qingzhou")
    void our_orders_show_the_reason_and_the_proposed_time_and_the_unit_agrees_to_it() {
        OrderFixtures.Setup s = fixtures.setup("view-ours");
        long declined = order(s, "听众", null);
        long proposed = order(s, "听众", null);
        users.signIn("organizer");
        orders.decline(declined, orders.get(declined).version(), HOSTILE);
        Instant at = Instant.now().plus(Duration.ofDays(130)).truncatedTo(ChronoUnit.HOURS);
        orders.propose(proposed, orders.get(proposed).version(), at, at.plus(Duration.ofHours(2)), null);
        users.signIn("qingzhou");
        navigate(LectureOrdersView.class);

        $(TabSheet.class).id("orders-tabs").setSelectedIndex(1);
        assertThat($(Span.class).id("order-reason-ours-" + declined).getText()).isEqualTo("原因：" + HOSTILE);
        assertThat($(Span.class).id("order-status-ours-" + declined).getText()).isEqualTo("已婉拒");
        assertThat($(Span.class).id("order-proposed-ours-" + proposed).getText())
                .contains(at.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString());
        test($(Button.class).id("order-agree-" + proposed)).click();
        assertThat(orders.get(proposed).status()).isEqualTo(OrderStatus.AGREED);
    }

    @Test
    @WithUserDetails("organizer")
    void the_campaign_shows_the_topic_of_its_period_with_figures_chart_units_and_lecturer_load() {
        OrderFixtures.Setup s = fixtures.setup("view-campaign");
        jdbc.sql("update lecture_topic set title = :t where id = :id").param("t", HOSTILE).param("id", s.base().topicId()).update();
        long id = order(s, "听众", null);
        Instant start = orders.draft(id).startsAt();
        orders.accept(id, orders.get(id).version(), s.lecture(start, start.plus(Duration.ofHours(2))));
        navigate(LectureCampaignView.class);

        @SuppressWarnings("unchecked")
        ComboBox<CampaignTopic> topic = $(ComboBox.class).id("campaign-topic");
        CampaignTopic mine = topic.getListDataView().getItems().filter(t -> t.id() == s.base().topicId()).findFirst().orElseThrow();
        assertThat(mine.title()).isEqualTo(HOSTILE);
        topic.setValue(mine);
        assertThat($(DatePicker.class).id("campaign-from").getValue()).isEqualTo(mine.currentFrom());
        LectureCampaignView view = $(LectureCampaignView.class).single();
        assertThat(view.report().topicId()).isEqualTo(s.base().topicId());
        assertThat(view.report().units().stream().filter(u -> u.id() == s.cityId()).findFirst().orElseThrow().state())
                .isEqualTo(CampaignState.SCHEDULED);
        assertThat($(Span.class).id("campaign-stat").getText()).contains("已安排 1 个");
        @SuppressWarnings("unchecked")
        Grid<Object> units = $(Grid.class).id("campaign-units");
        assertThat(test(units).size()).isEqualTo(view.report().units().size());
        @SuppressWarnings("unchecked")
        Grid<Object> load = $(Grid.class).id("campaign-load");
        assertThat(test(load).size()).isGreaterThanOrEqualTo(1);
        assertThat($(cn.tongxin.base.ui.EChart.class).id("campaign-chart").isAttached()).isTrue();
    }
}
