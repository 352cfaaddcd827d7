package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.lecture.LectureOrders;
import cn.tongxin.lecture.MenuTopic;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * The lecture menu (宣讲菜单) of the caller's unit: one card per topic open for ordering, each with an "order" button
 * that opens the order form.
 */
@Route("lecture-menu")
@Menu(title = "lecture.orders.nav.menu", order = 44, icon = "vaadin:list-select")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class LectureMenuView extends VerticalLayout implements HasDynamicTitle {

    private final LectureOrders orders;
    private final FlexLayout cards = new FlexLayout();

    LectureMenuView(LectureOrders orders) {
        this.orders = orders;
        addClassName("tx-page");
        setWidthFull();
        cards.setId("menu-cards");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        cards.setWidthFull();
        add(new H2(getTranslation("lecture.orders.menu.title")), new Paragraph(getTranslation("lecture.orders.menu.hint")),
                cards);
        render();
    }

    private void render() {
        cards.removeAll();
        var topics = orders.menu();
        if (topics.isEmpty()) {
            cards.add(new EmptyState("lecture.orders.menu.empty", "lecture.orders.menu.empty-hint"));
            return;
        }
        for (MenuTopic t : topics) {
            cards.add(card(t));
        }
    }

    private Div card(MenuTopic t) {
        Div card = new Div();
        card.addClassName("tx-card");
        card.setId("menu-topic-" + t.id());
        card.setWidth("min(360px, 100%)");
        card.add(new H3(t.title()));
        if (t.summary() != null && !t.summary().isBlank()) {
            Paragraph summary = new Paragraph(t.summary());
            summary.getStyle().set("white-space", "pre-line");
            card.add(summary);
        }
        card.add(line(getTranslation("lecture.orders.menu.period", t.currentFrom(), t.currentTo())),
                line(getTranslation("lecture.orders.menu.offered-by", t.unitName())),
                line(getTranslation("lecture.orders.menu.hours", t.hours().stripTrailingZeros().toPlainString())));
        if (t.groupName() != null) {
            card.add(line(getTranslation("lecture.orders.menu.group", t.groupName())));
        }
        Button order = new Button(getTranslation("lecture.orders.menu.order"),
                e -> new OrderDialog(orders, t, Callers.require().unitId(), Callers.require().unitName(),
                        () -> getUI().ifPresent(ui -> ui.navigate("lecture-orders"))).open());
        order.setId("menu-order-" + t.id());
        order.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        card.add(order);
        return card;
    }

    private static Div line(String text) {
        Div d = new Div(new Span(text));
        d.addClassName("tx-muted");
        return d;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.orders.nav.menu");
    }
}
