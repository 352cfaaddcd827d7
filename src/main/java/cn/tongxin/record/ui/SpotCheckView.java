package cn.tongxin.record.ui;

import cn.tongxin.Application;
import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.record.ScopeOption;
import cn.tongxin.record.SpotChecks;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Spot checks (记录抽查): checkers draw a sample of a unit subtree's records of a year, open each record's evidence
 * and confirm or question it; organizers answer the questioned records of their units. All text is set as text.
 */
@Route("records/spot-checks")
@Menu(title = "record.spotcheck.nav", order = 66, icon = "vaadin:random")
@RolesAllowed({Roles.CHECKER, Roles.ADMIN, Roles.ORGANIZER})
class SpotCheckView extends VerticalLayout implements HasDynamicTitle {

    static final int YEARS = 5;

    private final SpotChecks spotChecks;
    private final Grid<SpotChecks.SpotCheck> checks = new Grid<>();
    private final EmptyState checksEmpty = new EmptyState("record.spotcheck.list.empty", "record.spotcheck.list.empty-hint");
    private final H3 itemsHeading = new H3();
    private final Grid<SpotChecks.Item> items = new Grid<>();
    private final EmptyState itemsEmpty = new EmptyState("record.spotcheck.items.empty", "record.spotcheck.items.empty-hint");
    private final Grid<SpotChecks.Item> mine = new Grid<>();
    private final EmptyState mineEmpty = new EmptyState("record.spotcheck.mine.empty", "record.spotcheck.mine.empty-hint");
    private Long selected;

    SpotCheckView(SpotChecks spotChecks, Clock clock) {
        this.spotChecks = spotChecks;
        addClassName("tx-page");
        setWidthFull();
        add(new H2(getTranslation("record.spotcheck.title")));
        Caller caller = Callers.require();
        if (caller.isAdmin() || caller.has(Roles.CHECKER)) {
            checkerPart(clock);
        }
        if (caller.isAdmin() || caller.has(Roles.ORGANIZER)) {
            organizerPart();
        }
    }

    private void checkerPart(Clock clock) {
        ComboBox<ScopeOption> unit = new ComboBox<>(getTranslation("record.spotcheck.draw.unit"));
        unit.setId("spot-unit");
        List<ScopeOption> units = spotChecks.units();
        unit.setItems(units);
        unit.setItemLabelGenerator(ScopeOption::name);
        if (!units.isEmpty()) {
            unit.setValue(units.getFirst());
        }
        int thisYear = LocalDate.now(clock.withZone(Application.ZONE)).getYear();
        Select<Integer> year = new Select<>();
        year.setId("spot-year");
        year.setLabel(getTranslation("record.spotcheck.draw.year"));
        year.setItems(IntStream.range(0, YEARS).mapToObj(i -> thisYear - i).toList());
        year.setValue(thisYear);
        IntegerField size = new IntegerField(getTranslation("record.spotcheck.draw.size"));
        size.setId("spot-size");
        size.setMin(1);
        size.setMax(SpotChecks.SAMPLE_MAX);
        size.setValue(20);
        Button draw = new Button(getTranslation("record.spotcheck.draw.button"), e -> {
            if (unit.getValue() == null || size.getValue() == null) {
                return;
            }
            long[] id = new long[1];
            if (Notices.attempt(() -> id[0] = spotChecks.draw(unit.getValue().id(), year.getValue(), size.getValue()))) {
                Notices.success("record.spotcheck.draw.done", spotChecks.spotCheck(id[0]).items());
                selected = id[0];
                refreshChecks();
            }
        });
        draw.setId("spot-draw");
        draw.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(unit, year, size, draw);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");

        checks.setId("spot-checks-grid");
        checks.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        checks.addColumn(c -> Formats.dateTime(c.drawnAt())).setHeader(getTranslation("record.spotcheck.col.drawn")).setAutoWidth(true);
        checks.addColumn(SpotChecks.SpotCheck::unitName).setHeader(getTranslation("record.spotcheck.col.unit")).setFlexGrow(1);
        checks.addColumn(SpotChecks.SpotCheck::year).setHeader(getTranslation("record.spotcheck.col.year")).setAutoWidth(true);
        checks.addColumn(c -> getTranslation("record.spotcheck.progress", c.decided(), c.items(), c.questioned()))
                .setHeader(getTranslation("record.spotcheck.col.progress")).setAutoWidth(true);
        checks.addColumn(c -> getTranslation("record.spotcheck.status." + c.status().name()))
                .setHeader(getTranslation("record.spotcheck.col.status")).setAutoWidth(true);
        checks.addColumn(c -> Long.toString(c.seed())).setHeader(getTranslation("record.spotcheck.col.seed")).setAutoWidth(true);
        checks.setHeight("280px");
        checks.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(c -> {
            selected = c.id();
            refreshItems();
        }));
        checksEmpty.setId("spot-checks-empty");

        items.setId("spot-items-grid");
        items.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        items.addColumn(SpotChecks.Item::position).setHeader(getTranslation("record.spotcheck.col.position")).setAutoWidth(true);
        itemColumns(items);
        items.addComponentColumn(i -> {
            HorizontalLayout actions = new HorizontalLayout(evidenceButton(i));
            if (i.verdict() == null) {
                Button confirm = new Button(getTranslation("record.spotcheck.confirm"), e -> {
                    if (Notices.attempt(() -> spotChecks.decide(i.id(), SpotChecks.Verdict.CONFIRMED, null))) {
                        Notices.success("record.spotcheck.confirmed");
                        refreshChecks();
                    }
                });
                confirm.setId("spot-confirm-" + i.id());
                confirm.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
                Button question = new Button(getTranslation("record.spotcheck.question"), e -> Confirm.askReason(
                        getTranslation("record.spotcheck.question.title"), getTranslation("record.spotcheck.question.message"),
                        getTranslation("record.spotcheck.question.reason"), SpotChecks.NOTE_MAX,
                        getTranslation("record.spotcheck.question"), reason -> {
                            if (Notices.attempt(() -> spotChecks.decide(i.id(), SpotChecks.Verdict.QUESTIONED, reason))) {
                                Notices.success("record.spotcheck.questioned");
                                refreshChecks();
                            }
                        }));
                question.setId("spot-question-" + i.id());
                question.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                actions.add(confirm, question);
            }
            return actions;
        }).setKey("actions").setAutoWidth(true);
        items.setHeight("480px");
        itemsEmpty.setId("spot-items-empty");
        itemsHeading.setId("spot-items-heading");
        add(new H3(getTranslation("record.spotcheck.draw.heading")), form,
                new H3(getTranslation("record.spotcheck.list.heading")), checksEmpty, checks, itemsHeading, itemsEmpty, items);
        refreshChecks();
    }

    private void organizerPart() {
        mine.setId("spot-mine-grid");
        mine.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        itemColumns(mine);
        mine.addComponentColumn(i -> {
            HorizontalLayout actions = new HorizontalLayout(evidenceButton(i));
            if (i.resolvedBy() == null) {
                Button answer = new Button(getTranslation("record.spotcheck.answer"), e -> Confirm.askReason(
                        getTranslation("record.spotcheck.answer.title"), getTranslation("record.spotcheck.answer.message"),
                        getTranslation("record.spotcheck.answer.reason"), SpotChecks.NOTE_MAX,
                        getTranslation("record.spotcheck.answer"), note -> {
                            if (Notices.attempt(() -> spotChecks.answer(i.id(), note))) {
                                Notices.success("record.spotcheck.answered");
                                refreshMine();
                            }
                        }));
                answer.setId("spot-answer-" + i.id());
                answer.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
                actions.add(answer);
            }
            return actions;
        }).setKey("actions").setAutoWidth(true);
        mine.setHeight("420px");
        mineEmpty.setId("spot-mine-empty");
        add(new H3(getTranslation("record.spotcheck.mine.heading")), mineEmpty, mine);
        refreshMine();
    }

    /** The columns both grids show; every value is plain text. */
    private void itemColumns(Grid<SpotChecks.Item> grid) {
        grid.addColumn(SpotChecks.Item::personName).setHeader(getTranslation("record.spotcheck.col.person")).setAutoWidth(true);
        grid.addColumn(SpotChecks.Item::unitName).setHeader(getTranslation("record.spotcheck.col.unit")).setAutoWidth(true);
        grid.addColumn(i -> i.title() + (i.context().isEmpty() ? "" : " · " + i.context()) + " · " + Formats.dateTime(i.occurredAt()))
                .setHeader(getTranslation("record.spotcheck.col.record")).setFlexGrow(1);
        grid.addColumn(i -> getTranslation(i.verdict() == null ? "record.spotcheck.verdict.none"
                : "record.spotcheck.verdict." + i.verdict().name())).setHeader(getTranslation("record.spotcheck.col.verdict")).setAutoWidth(true);
        grid.addColumn(i -> i.note() == null ? "" : i.note()).setHeader(getTranslation("record.spotcheck.col.note")).setFlexGrow(1);
        grid.addColumn(i -> i.resolutionNote() == null ? "" : i.resolutionNote())
                .setHeader(getTranslation("record.spotcheck.col.answer")).setFlexGrow(1);
    }

    private Button evidenceButton(SpotChecks.Item i) {
        Button b = new Button(getTranslation("record.spotcheck.evidence"), e -> showEvidence(i.id()));
        b.setId("spot-evidence-" + i.id());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    private void showEvidence(long itemId) {
        SpotChecks.Evidence ev;
        try {
            ev = spotChecks.evidence(itemId);
        } catch (AccessDeniedException e) {
            Notices.error("error.access-denied");
            return;
        }
        Dialog dialog = new Dialog(getTranslation("record.spotcheck.evidence.title"));
        dialog.setId("spot-evidence-dialog");
        dialog.setWidth("min(560px, 100vw)");
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        body.add(line(ev.item().personName() + " · " + ev.item().title()));
        if (ev.classTitle() != null) {
            body.add(line(getTranslation("record.spotcheck.evidence.class", ev.classTitle())),
                    line(getTranslation("record.spotcheck.evidence.attended", ev.attended(), ev.sessions())));
        } else if (ev.signIn() == null) {
            body.add(line(getTranslation("record.spotcheck.evidence.no-sign-in")));
        } else {
            SpotChecks.SignInEvidence s = ev.signIn();
            body.add(line(getTranslation("record.spotcheck.evidence.signed-at", Formats.dateTime(s.signedAt()))),
                    line(getTranslation("record.spotcheck.evidence.method", s.method())));
            addIf(body, "record.spotcheck.evidence.device", s.deviceId());
            addIf(body, "record.spotcheck.evidence.address", s.remoteAddress());
            addIf(body, "record.spotcheck.evidence.agent", s.userAgent());
            addIf(body, "record.spotcheck.evidence.marked-by", s.markedBy());
            addIf(body, "record.spotcheck.evidence.reason", s.reason());
            body.add(line(ev.flags().isEmpty() ? getTranslation("record.spotcheck.evidence.no-flags")
                    : getTranslation("record.spotcheck.evidence.flags", ev.flags().stream()
                    .map(f -> getTranslation("record.spotcheck.flag." + f.name())).collect(Collectors.joining("、")))));
        }
        Button close = new Button(getTranslation("record.spotcheck.evidence.close"), e -> dialog.close());
        close.setId("spot-evidence-close");
        dialog.add(body);
        dialog.getFooter().add(close);
        dialog.open();
    }

    private void addIf(VerticalLayout body, String key, String value) {
        if (value != null && !value.isEmpty()) {
            body.add(line(getTranslation(key, value)));
        }
    }

    private static Paragraph line(String text) {
        Paragraph p = new Paragraph();
        p.setText(text);
        p.getStyle().set("margin", "0");
        return p;
    }

    private void refreshChecks() {
        List<SpotChecks.SpotCheck> list = spotChecks.list();
        checks.setItems(list);
        checksEmpty.setVisible(list.isEmpty());
        checks.setVisible(!list.isEmpty());
        if (selected == null && !list.isEmpty()) {
            selected = list.getFirst().id();
        }
        refreshItems();
    }

    private void refreshItems() {
        if (selected == null) {
            itemsHeading.setVisible(false);
            itemsEmpty.setVisible(false);
            items.setVisible(false);
            return;
        }
        SpotChecks.SpotCheck c = spotChecks.spotCheck(selected);
        itemsHeading.setText(getTranslation("record.spotcheck.items.heading", Long.toString(c.seed()), c.population()));
        itemsHeading.setVisible(true);
        List<SpotChecks.Item> list = spotChecks.items(selected);
        items.setItems(list);
        itemsEmpty.setVisible(list.isEmpty());
        items.setVisible(!list.isEmpty());
    }

    private void refreshMine() {
        List<SpotChecks.Item> list = spotChecks.questionedForMe();
        mine.setItems(list);
        mineEmpty.setVisible(list.isEmpty());
        mine.setVisible(!list.isEmpty());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("record.spotcheck.title");
    }
}
