package cn.tongxin.lecture.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.lecture.CalendarFeeds;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * My calendar feed (日历订阅): make, renew or stop the secret address that calendar programs subscribe to, and, for
 * an organizer, the same for their unit's lectures. A new address is shown once, with a copy button; afterwards
 * only when it was made. Says in words how to subscribe in Outlook and on a phone.
 */
@Route("my/calendar")
@Menu(title = "lecture.feeds.nav.my-calendar", order = 8, icon = "vaadin:calendar")
@PermitAll
class MyCalendarView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final CalendarFeeds feeds;

    MyCalendarView(CalendarFeeds feeds) {
        this.feeds = feeds;
        addClassName("tx-page");
        setWidthFull();
    }

    /** Built on every visit (Vaadin keeps the view when the menu leads back to it): a new address is shown only once. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Caller caller = Callers.require();
        add(new H2(getTranslation("lecture.feeds.calendar.title")),
                new Paragraph(getTranslation("lecture.feeds.calendar.intro")));
        if (caller.personId() != null) {
            add(new FeedSection("feed", getTranslation("lecture.feeds.calendar.mine"),
                    getTranslation("lecture.feeds.calendar.mine-hint"), feeds::myFeed, feeds::renewMine, feeds::revokeMine));
        }
        if (feeds.managesOwnUnitFeed()) {
            long unit = caller.unitId();
            add(new FeedSection("unit-feed", getTranslation("lecture.feeds.calendar.unit", caller.unitName()),
                    getTranslation("lecture.feeds.calendar.unit-hint"), () -> feeds.unitFeed(unit),
                    () -> feeds.renewUnit(unit), () -> feeds.revokeUnit(unit)));
        }
        add(howTo());
    }

    /** One feed's controls; {@code id} prefixes the ids of its parts ({@code feed-renew}, {@code unit-feed-url}, …). */
    private final class FeedSection extends Div {

        private final String id;
        private final Supplier<Optional<Instant>> state;
        private final Supplier<String> renew;
        private final Runnable revoke;
        private final Div body = new Div();

        FeedSection(String id, String title, String hint, Supplier<Optional<Instant>> state, Supplier<String> renew,
                    Runnable revoke) {
            this.id = id;
            this.state = state;
            this.renew = renew;
            this.revoke = revoke;
            addClassName("tx-card");
            setWidthFull();
            setId(id);
            add(new H3(title), new Paragraph(hint), body);
            show(null);
        }

        /** {@code url}: the address just made, shown this once; null otherwise. */
        private void show(String url) {
            body.removeAll();
            Optional<Instant> live = state.get();
            Paragraph status = new Paragraph(live
                    .map(at -> getTranslation("lecture.feeds.calendar.live", Formats.dateTime(at)))
                    .orElseGet(() -> getTranslation("lecture.feeds.calendar.none")));
            status.setId(id + "-state");
            body.add(status);
            if (url != null) {
                TextField field = new TextField(getTranslation("lecture.feeds.calendar.url"));
                field.setId(id + "-url");
                field.setValue(url);
                field.setReadOnly(true);
                field.setWidthFull();
                field.setHelperText(getTranslation("lecture.feeds.calendar.url-once"));
                Button copy = new Button(getTranslation("lecture.feeds.calendar.copy"), VaadinIcon.COPY.create(), e -> {
                    // The address goes as an argument, never into the script's text.
                    e.getSource().getUI().ifPresent(ui -> ui.getPage().executeJs("return navigator.clipboard.writeText($0)", url));
                    Notices.success("lecture.feeds.calendar.copied");
                });
                copy.setId(id + "-copy");
                copy.addThemeVariants(ButtonVariant.LUMO_SMALL);
                body.add(field, copy);
            }
            Button make = new Button(getTranslation(live.isPresent() ? "lecture.feeds.calendar.renew" : "lecture.feeds.calendar.create"),
                    e -> {
                        if (live.isPresent()) {
                            Confirm.ask(getTranslation("lecture.feeds.calendar.renew"),
                                    getTranslation("lecture.feeds.calendar.renew-confirm"),
                                    getTranslation("lecture.feeds.calendar.renew"), true, this::renewNow);
                        } else {
                            renewNow();
                        }
                    });
            make.setId(id + (live.isPresent() ? "-renew" : "-create"));
            make.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Div actions = new Div(make);
            actions.addClassName("tx-filters");
            if (live.isPresent()) {
                Button stop = new Button(getTranslation("lecture.feeds.calendar.revoke"), e ->
                        Confirm.ask(getTranslation("lecture.feeds.calendar.revoke"),
                                getTranslation("lecture.feeds.calendar.revoke-confirm"),
                                getTranslation("lecture.feeds.calendar.revoke"), true, () -> {
                                    revoke.run();
                                    Notices.success("lecture.feeds.calendar.revoked");
                                    show(null);
                                }));
                stop.setId(id + "-revoke");
                stop.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                actions.add(stop);
            }
            body.add(actions);
        }

        private void renewNow() {
            String[] made = new String[1];
            if (Notices.attempt(() -> made[0] = renew.get())) {
                Notices.success("lecture.feeds.calendar.made");
                show(made[0]);
            }
        }
    }

    private Div howTo() {
        Div how = new Div();
        how.addClassName("tx-card");
        how.setWidthFull();
        how.setId("feed-how-to");
        UnorderedList steps = new UnorderedList(
                new ListItem(getTranslation("lecture.feeds.calendar.how.outlook")),
                new ListItem(getTranslation("lecture.feeds.calendar.how.iphone")),
                new ListItem(getTranslation("lecture.feeds.calendar.how.android")),
                new ListItem(getTranslation("lecture.feeds.calendar.how.refresh")));
        how.add(new H3(getTranslation("lecture.feeds.calendar.how")), steps,
                new Paragraph(getTranslation("lecture.feeds.calendar.how.secret")));
        return how;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.feeds.nav.my-calendar");
    }
}
