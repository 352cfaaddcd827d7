package cn.tongxin.notification.ui;

import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.notification.MailRow;
import cn.tongxin.notification.MailService;
import cn.tongxin.notification.MailStatus;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

/**
 * The outbox as the administrator sees it: counts by status, the mails (newest first, paged lazily), resend of
 * failed ones, a test mail, and a clear warning when no SMTP server is configured.
 */
@Route("admin/mail")
@Menu(title = "nav.mail", order = 85, icon = "vaadin:envelopes-o")
@RolesAllowed(Roles.ADMIN)
class MailView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MailService mail;
    private final Clock clock;
    private final Select<MailStatus> status = new Select<>();
    private final TextField text = new TextField();
    private final Grid<MailRow> grid = new Grid<>(MailRow.class, false);
    private final Map<MailStatus, Span> counts = new EnumMap<>(MailStatus.class);
    private final Div empty = new Div();

    MailView(MailService mail, Clock clock) {
        this.mail = mail;
        this.clock = clock;
        addClassName("tx-page");
        setWidthFull();
        add(banner(), countCards(), filters(), grid, empty, testMail());
        configureGrid();
        refresh();
    }

    private Component banner() {
        if (!mail.smtpConfigured()) {
            Span title = new Span(getTranslation("mail.not-configured.title"));
            title.addClassName("tx-banner-title");
            Div banner = new Div(VaadinIcon.WARNING.create(), new Div(title, new Paragraph(getTranslation("mail.not-configured.hint"))));
            banner.addClassNames("tx-banner", "tx-banner-warning");
            banner.setId("mail-not-configured");
            return banner;
        }
        Paragraph info = new Paragraph(getTranslation("mail.configured", mail.smtpServer().orElse(""), mail.maxAttempts()));
        info.addClassName("tx-muted");
        info.setId("mail-configured");
        return info;
    }

    private Component countCards() {
        HorizontalLayout cards = new HorizontalLayout();
        cards.addClassName("tx-mail-counts");
        for (MailStatus s : MailStatus.values()) {
            Span number = new Span("0");
            number.addClassName("tx-stat");
            number.setId("mail-count-" + s.name());
            counts.put(s, number);
            Div card = new Div(number, new Div(getTranslation("mail.status." + s.name())));
            card.addClassNames("tx-card", "tx-mail-count");
            card.addClickListener(e -> status.setValue(s));
            cards.add(card);
        }
        return cards;
    }

    private Component filters() {
        status.setId("mail-status-filter");
        status.setItems(MailStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("mail.filter.all"));
        status.setItemLabelGenerator(s -> s == null ? getTranslation("mail.filter.all") : getTranslation("mail.status." + s.name()));
        status.setAriaLabel(getTranslation("mail.filter.status"));
        status.addValueChangeListener(e -> refresh());
        text.setId("mail-text-filter");
        text.setPlaceholder(getTranslation("mail.filter.text"));
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(e -> refresh());
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> refresh());
        reload.setId("mail-refresh");
        reload.setAriaLabel(getTranslation("action.search"));
        HorizontalLayout row = new HorizontalLayout(status, text, reload);
        row.addClassName("tx-filters");
        return row;
    }

    private void configureGrid() {
        grid.setId("mail-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(MailRow::recipient).setHeader(getTranslation("mail.column.recipient")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(MailRow::subject).setHeader(getTranslation("mail.column.subject")).setWidth("12rem").setFlexGrow(3)
                .setTooltipGenerator(r -> r.attachmentName() == null ? r.subject()
                        : r.subject() + " · " + getTranslation("mail.attachment", r.attachmentName()))
                .setKey("subject");
        grid.addComponentColumn(this::statusBadge).setHeader(getTranslation("mail.column.status")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(MailRow::attempts).setHeader(getTranslation("mail.column.attempts")).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END).setKey("attempts");
        grid.addColumn(r -> r.lastError() == null ? "" : r.lastError()).setHeader(getTranslation("mail.column.error"))
                .setFlexGrow(1).setWidth("6rem").setTooltipGenerator(MailRow::lastError).setKey("error");
        grid.addColumn(r -> time(r.createdAt())).setHeader(getTranslation("mail.column.created")).setAutoWidth(true).setFlexGrow(0)
                .setKey("created");
        // A pending mail that has been tried shows when it is tried next.
        grid.addColumn(r -> r.status() == MailStatus.SENT ? time(r.sentAt())
                        : r.status() == MailStatus.PENDING && r.attempts() > 0 ? "→ " + time(r.nextAttemptAt()) : "")
                .setHeader(getTranslation("mail.column.sent")).setAutoWidth(true).setFlexGrow(0).setKey("sent")
                .setTooltipGenerator(r -> r.status() == MailStatus.PENDING && r.attempts() > 0
                        ? getTranslation("mail.column.next") + " " + time(r.nextAttemptAt()) : null);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(q -> mail.search(status.getValue(), text.getValue(), q.getOffset(), q.getLimit()).items().stream(),
                q -> (int) mail.count(status.getValue(), text.getValue()));
        grid.setWidthFull();
        grid.setHeight("480px");
        hideOnPhone("subject", "attempts", "error", "created", "sent");
    }

    private void hideOnPhone(String... keys) {
        NarrowScreen.hideOnPhone(grid, java.util.Arrays.stream(keys).map(grid::getColumnByKey).toList());
    }

    private Component statusBadge(MailRow row) {
        Span badge = new Span(getTranslation("mail.status." + row.status().name()));
        badge.getElement().getThemeList().add(switch (row.status()) {
            case SENT -> "badge success";
            case FAILED -> "badge error";
            case PENDING -> "badge contrast";
        });
        return badge;
    }

    private Component actions(MailRow row) {
        if (row.status() != MailStatus.FAILED) {
            return new Span();
        }
        Button resend = new Button(VaadinIcon.REPLY.create(), e -> {
            if (Notices.attempt(() -> mail.resend(row.id()))) {
                Notices.success("mail.resent");
                refresh();
            }
        });
        resend.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        resend.setTooltipText(getTranslation("mail.resend"));
        resend.setAriaLabel(getTranslation("mail.resend"));
        resend.setId("mail-resend-" + row.id());
        return resend;
    }

    private Component testMail() {
        EmailField to = new EmailField(getTranslation("mail.test.address"));
        to.setId("mail-test-address");
        to.setClearButtonVisible(true);
        to.setWidth("min(100%, 22rem)");
        Button send = new Button(getTranslation("mail.test.send"), VaadinIcon.PAPERPLANE.create());
        send.setId("mail-test-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> {
            if (Notices.attempt(() -> mail.sendTest(to.getValue(), getLocale()))) {
                Notices.success("mail.test.queued");
                to.clear();
                refresh();
            }
        });
        HorizontalLayout form = new HorizontalLayout(to, send);
        form.addClassName("tx-filters");
        form.setWidthFull();
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        Details details = new Details(getTranslation("mail.test.title"), form);
        details.setId("mail-test");
        details.setOpened(true);
        return details;
    }

    private void refresh() {
        Map<MailStatus, Long> byStatus = mail.countByStatus();
        byStatus.forEach((s, n) -> counts.get(s).setText(String.valueOf(n)));
        long shown = mail.count(status.getValue(), text.getValue());
        grid.setVisible(shown > 0);
        empty.removeAll();
        if (shown == 0) {
            empty.add(new EmptyState("mail.empty.title", "mail.empty.hint"));
        }
        empty.setVisible(shown == 0);
        empty.setWidthFull();
        grid.getDataProvider().refreshAll();
    }

    private String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(clock.getZone()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.mail");
    }
}
