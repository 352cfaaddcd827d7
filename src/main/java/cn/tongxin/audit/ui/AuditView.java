package cn.tongxin.audit.ui;

import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditEntry;
import cn.tongxin.audit.AuditFilter;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The audit log (PIPL): who looked at or changed what and when, newest first, paged lazily; filter by actor,
 * action, kind and number of the record, and a date range.
 */
@Route("admin/audit")
@Menu(title = "nav.audit", order = 84, icon = "vaadin:records")
@RolesAllowed(Roles.ADMIN)
class AuditView extends VerticalLayout implements HasDynamicTitle {

    static final List<String> ACTIONS = List.of(AuditService.VIEW, AuditService.CREATE, AuditService.UPDATE,
            AuditService.DELETE, AuditService.EXPORT, AuditService.IMPORT, AuditService.REVEAL_ID, AuditService.LOGIN,
            AuditService.LOGIN_FAILED, AuditService.ACCOUNT);
    static final List<String> TARGET_TYPES = List.of("PERSON", "ACCOUNT", "UNIT", "SECTOR", "PARTY", "MAIL", "ROTATION_PLAN",
            "ROTATION_CLASS", "ROTATION_ENROLLMENT", "ROTATION_NOMINATION", "SIGN_IN", "LEAVE", "CERTIFICATE");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AuditService audit;
    private final Clock clock;
    private final TextField actor = new TextField();
    private final ComboBox<String> action = new ComboBox<>();
    private final ComboBox<String> targetType = new ComboBox<>();
    private final TextField targetId = new TextField();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    private final Div empty = new Div();

    AuditView(AuditService audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        addClassName("tx-page");
        setWidthFull();
        add(filters(), grid, empty);
        configureGrid();
        refresh();
    }

    private Component filters() {
        actor.setId("audit-actor");
        actor.setLabel(getTranslation("admin.audit.actor"));
        actor.setClearButtonVisible(true);
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        action.setId("audit-action");
        action.setLabel(getTranslation("admin.audit.action"));
        action.setItems(ACTIONS);
        action.setItemLabelGenerator(this::actionLabel);
        action.setClearButtonVisible(true);
        targetType.setId("audit-target-type");
        targetType.setLabel(getTranslation("admin.audit.target-type"));
        targetType.setItems(TARGET_TYPES);
        targetType.setItemLabelGenerator(this::typeLabel);
        targetType.setAllowCustomValue(true);
        targetType.addCustomValueSetListener(e -> targetType.setValue(e.getDetail().trim().toUpperCase()));
        targetType.setClearButtonVisible(true);
        targetId.setId("audit-target-id");
        targetId.setLabel(getTranslation("admin.audit.target-id"));
        targetId.setAllowedCharPattern("[0-9]");
        targetId.setMaxLength(18);
        targetId.setClearButtonVisible(true);
        targetId.setValueChangeMode(ValueChangeMode.LAZY);
        from.setId("audit-from");
        from.setLabel(getTranslation("admin.audit.from"));
        to.setId("audit-to");
        to.setLabel(getTranslation("admin.audit.to"));
        for (DatePicker d : List.of(from, to)) {
            d.setClearButtonVisible(true);
            d.setMax(LocalDate.now(clock));
            d.setWidth("9.5em");
        }
        from.addValueChangeListener(e -> to.setMin(e.getValue()));
        actor.addValueChangeListener(e -> refresh());
        action.addValueChangeListener(e -> refresh());
        targetType.addValueChangeListener(e -> refresh());
        targetId.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        Button reset = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
            actor.clear();
            action.clear();
            targetType.clear();
            targetId.clear();
            from.clear();
            to.clear();
        });
        reset.setId("audit-reset");
        reset.setTooltipText(getTranslation("action.reset"));
        reset.setAriaLabel(getTranslation("action.reset"));
        actor.setWidth("9em");
        action.setWidth("10em");
        targetType.setWidth("9em");
        targetId.setWidth("7em");
        HorizontalLayout row = new HorizontalLayout(actor, action, targetType, targetId, from, to, reset);
        row.addClassName("tx-filters");
        return row;
    }

    AuditFilter filter() {
        Long id = targetId.getValue().isBlank() ? null : Long.parseLong(targetId.getValue());
        Instant start = from.getValue() == null ? null : from.getValue().atStartOfDay(clock.getZone()).toInstant();
        Instant end = to.getValue() == null ? null : to.getValue().plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        return new AuditFilter(actor.getValue(), action.getValue() == null ? "" : action.getValue(),
                targetType.getValue() == null ? "" : targetType.getValue(), id, start, end);
    }

    private void configureGrid() {
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> TIME.format(e.at().atZone(clock.getZone()))).setHeader(getTranslation("admin.audit.at"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::actor).setHeader(getTranslation("admin.audit.actor")).setAutoWidth(true).setFlexGrow(0);
        // Failed sign-ins are counted into one row per name, address and hour: "登录失败 ×95".
        grid.addColumn(e -> actionLabel(e.action()) + (e.occurrences() > 1 ? " ×" + e.occurrences() : ""))
                .setHeader(getTranslation("admin.audit.action")).setAutoWidth(true)
                .setFlexGrow(0);
        // The kind in words; the number (for the filter) in the tooltip, not in the reader's face.
        Grid.Column<AuditEntry> type = grid.addColumn(e -> e.targetType() == null ? "" : typeLabel(e.targetType()))
                .setTooltipGenerator(e -> e.targetId() == null ? null : getTranslation("admin.audit.target-number", e.targetId()))
                .setHeader(getTranslation("admin.audit.target")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::targetLabel).setHeader(getTranslation("admin.audit.label")).setFlexGrow(1)
                .setTooltipGenerator(AuditEntry::targetLabel);
        Grid.Column<AuditEntry> detail = grid.addColumn(e -> describe(e.detail())).setHeader(getTranslation("admin.audit.detail"))
                .setFlexGrow(2).setTooltipGenerator(e -> describe(e.detail()));
        Grid.Column<AuditEntry> address = grid.addColumn(AuditEntry::remoteAddress)
                .setHeader(getTranslation("admin.audit.address")).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(q -> audit.search(filter(), q.getOffset(), q.getLimit()).items().stream(),
                q -> (int) audit.search(filter(), 0, 1).total());
        grid.setWidthFull();
        grid.setHeight("600px");
        NarrowScreen.hideOnPhone(grid, List.of(type, detail, address));
    }

    /**
     * A detail in the reader's language: a structured one ({@link AuditDetail}) by its key, role codes and field names
     * among its arguments by theirs; an older free-text one as it was written.
     */
    String describe(String detail) {
        if (detail == null) {
            return "";
        }
        return AuditDetail.parse(detail).map(d -> {
            Object[] args = java.util.Arrays.stream(d.args()).map(a -> words(String.valueOf(a))).toArray();
            String text = getTranslation("admin.audit.detail." + d.key(), args);
            return text.startsWith("!") ? d.key() + " " + String.join(" ", java.util.Arrays.stream(args).map(String::valueOf).toList()) : text;
        }).orElse(detail);
    }

    /** A list of role codes or of a person's field names (as the services write them), each in words where known. */
    private String words(String arg) {
        if (!arg.matches("[A-Za-z_]+([、,][A-Za-z_]+)*")) {
            return arg;
        }
        return String.join("、", java.util.Arrays.stream(arg.split("[、,]")).map(part -> {
            for (String prefix : List.of("admin.role.", "admin.audit.field.")) {
                String label = getTranslation(prefix + part);
                if (!label.startsWith("!")) {
                    return label;
                }
            }
            return part;
        }).toList());
    }

    private String actionLabel(String action) {
        String key = "admin.audit.action." + action;
        String label = getTranslation(key);
        return label.startsWith("!") ? action : label;
    }

    private String typeLabel(String type) {
        String label = getTranslation("admin.audit.type." + type);
        return label.startsWith("!") ? type : label;
    }

    private void refresh() {
        long total = audit.search(filter(), 0, 1).total();
        grid.setVisible(total > 0);
        empty.removeAll();
        empty.setVisible(total == 0);
        empty.setWidthFull();
        if (total == 0) {
            empty.add(new EmptyState("admin.audit.empty", "admin.audit.empty-hint"));
        }
        grid.getDataProvider().refreshAll();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.audit");
    }
}
