package cn.tongxin.lecture.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.lecture.LectureChoices;
import cn.tongxin.lecture.LectureOrderRow;
import cn.tongxin.lecture.LectureOrders;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/**
 * Ordered lectures, both sides: the orders to decide (for the lecture groups of the caller's units: accept and
 * schedule, propose another time, decline) and our unit's orders (their state, the proposed time or reason, the
 * lecture they scheduled; agree to a proposed time, withdraw). One card per order, so that it reads on a phone.
 */
@Route("lecture-orders")
@Menu(title = "lecture.orders.nav.orders", order = 45, icon = "vaadin:cart-o")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class LectureOrdersView extends VerticalLayout implements HasDynamicTitle {

    private final LectureOrders orders;
    private final LectureChoices choices;
    private final LectureService lectures;
    private final Div decide = new Div();
    private final Div ours = new Div();
    private final TabSheet tabs = new TabSheet();

    LectureOrdersView(LectureOrders orders, LectureService lectures, LectureChoices choices) {
        this.choices = choices;
        this.orders = orders;
        this.lectures = lectures;
        addClassName("tx-page");
        setWidthFull();
        decide.setId("orders-decide");
        ours.setId("orders-ours");
        decide.setWidthFull();
        ours.setWidthFull();
        tabs.setId("orders-tabs");
        tabs.setWidthFull();
        tabs.add(getTranslation("lecture.orders.tab.decide"), decide);
        tabs.add(getTranslation("lecture.orders.tab.ours"), ours);
        add(new H2(getTranslation("lecture.orders.orders.title")), tabs);
        render();
    }

    private void render() {
        fill(decide, orders.toDecide(), true,
                "lecture.orders.empty.decide", "lecture.orders.empty.decide-hint");
        fill(ours, orders.ours(), false, "lecture.orders.empty.ours", "lecture.orders.empty.ours-hint");
    }

    private void fill(Div list, List<LectureOrderRow> rows, boolean asGroup, String empty, String hint) {
        list.removeAll();
        if (rows.isEmpty()) {
            list.add(new EmptyState(empty, hint));
            return;
        }
        for (LectureOrderRow r : rows) {
            list.add(card(r, asGroup));
        }
    }

    private Component card(LectureOrderRow r, boolean asGroup) {
        String prefix = (asGroup ? "decide-" : "ours-") + r.id();
        Div card = new Div();
        card.addClassName("tx-card");
        card.setId("order-" + prefix);
        card.getStyle().set("margin-bottom", "var(--lumo-space-s)");
        Span status = new Span(getTranslation("lecture.orders.status." + r.status()));
        status.getElement().getThemeList().add("badge" + switch (r.status()) {
            case ACCEPTED -> " success";
            case DECLINED, WITHDRAWN -> " contrast";
            case PROPOSED, AGREED -> "";
            case PENDING -> " primary";
        });
        status.setId("order-status-" + prefix);
        HorizontalLayout head = new HorizontalLayout(new H3(r.topicTitle()), status);
        head.setAlignItems(Alignment.BASELINE);
        card.add(head);
        card.add(line(getTranslation("lecture.orders.card.who", r.unitName(), r.groupName())));
        card.add(line(getTranslation("lecture.orders.card.what", r.preferredFrom().toString(), r.preferredTo().toString(),
                String.valueOf(r.expectedCount())) + (r.venueName() == null ? "" : " · " + r.venueName())));
        Span audience = new Span(getTranslation("lecture.orders.card.audience", r.audience()));
        audience.setId("order-audience-" + prefix);
        card.add(new Div(audience));
        if (r.note() != null) {
            Span note = new Span(getTranslation("lecture.orders.note", r.note()));
            note.setId("order-note-" + prefix);
            card.add(new Div(note));
        }
        if (r.proposedStart() != null && r.status() != cn.tongxin.lecture.OrderStatus.ACCEPTED) {
            Span proposed = new Span(getTranslation("lecture.orders.proposed",
                    Formats.dateTime(r.proposedStart()) + "–" + Formats.time(r.proposedEnd())));
            proposed.setId("order-proposed-" + prefix);
            card.add(new Div(proposed));
        }
        if (r.decisionReason() != null) {
            Span reason = new Span(getTranslation("lecture.orders.reason", r.decisionReason()));
            reason.setId("order-reason-" + prefix);
            card.add(new Div(reason));
        }
        if (r.lectureId() != null) {
            Anchor lecture = new Anchor("lectures/" + r.lectureId(), getTranslation("lecture.orders.open-lecture",
                    r.lectureStart() == null ? "" : Formats.dateTime(r.lectureStart())));
            lecture.setId("order-lecture-" + prefix);
            card.add(new Div(lecture));
        }
        FlexLayout actions = new FlexLayout();
        actions.getStyle().set("gap", "var(--lumo-space-s)");
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        if (asGroup && r.canDecide()) {
            Button accept = button("lecture.orders.action.accept", "order-accept-" + r.id(),
                    () -> new AcceptDialog(orders, lectures, choices, r, this::render).open());
            accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(accept);
            if (r.status() == cn.tongxin.lecture.OrderStatus.PENDING) {
                actions.add(button("lecture.orders.action.propose", "order-propose-" + r.id(),
                        () -> new ProposeDialog(orders, r, this::render).open()));
            }
            Button decline = button("lecture.orders.action.decline", "order-decline-" + r.id(),
                    () -> Confirm.askReason(getTranslation("lecture.orders.decline.title", r.topicTitle()), r.unitName(),
                            getTranslation("lecture.orders.decline.reason"), LectureOrderRow.REASON_MAX,
                            getTranslation("lecture.orders.decline.send"), reason -> {
                                orders.decline(r.id(), r.version(), reason);
                                Notices.success("lecture.orders.decline.done");
                                render();
                            }));
            decline.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(decline);
        }
        if (!asGroup && r.canAnswer()) {
            if (r.status() == cn.tongxin.lecture.OrderStatus.PROPOSED) {
                Button agree = button("lecture.orders.action.agree", "order-agree-" + r.id(), () -> {
                    if (Notices.attempt(() -> orders.acceptProposal(r.id(), r.version()))) {
                        Notices.success("lecture.orders.agree.done");
                        render();
                    }
                });
                agree.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                actions.add(agree);
            }
            Button withdraw = button("lecture.orders.action.withdraw", "order-withdraw-" + r.id(),
                    () -> Confirm.ask(getTranslation("lecture.orders.withdraw.confirm"), r.topicTitle(),
                            getTranslation("lecture.orders.action.withdraw"), true, () -> {
                                orders.withdraw(r.id(), r.version());
                                Notices.success("lecture.orders.withdraw.done");
                                render();
                            }));
            actions.add(withdraw);
        }
        if (actions.getComponentCount() > 0) {
            card.add(actions);
        }
        return card;
    }

    private Button button(String key, String id, Runnable action) {
        Button b = new Button(getTranslation(key), e -> action.run());
        b.setId(id);
        return b;
    }

    private static Div line(String text) {
        Div d = new Div(new Span(text));
        d.addClassName("tx-muted");
        return d;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.orders.nav.orders");
    }
}
