package cn.tongxin.people.ui;

import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.people.AccountRow;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.IssuedCredential;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Accounts: find one, make one for an organizer or checker, make trainee accounts for many people at once,
 * reset a password (shown once), disable or enable (disabling ends the account's sessions). Nothing locks an
 * account any more (docs/design-decisions/010-login-and-sessions.md), so there is nothing to unlock.
 */
@Route("admin/accounts")
@Menu(title = "nav.accounts", order = 80, icon = "vaadin:key")
@RolesAllowed(Roles.ADMIN)
class AccountsView extends VerticalLayout implements HasDynamicTitle {

    private final AccountService accounts;
    private final UnitService units;
    private final PersonService people;
    private final ReferenceDataService reference;
    private final AuditService audit;
    private final TextField search = new TextField();
    private final Grid<AccountRow> grid = new Grid<>(AccountRow.class, false);
    private final Div empty = new Div();

    AccountsView(AccountService accounts, UnitService units, PersonService people, ReferenceDataService reference,
                 AuditService audit) {
        this.accounts = accounts;
        this.units = units;
        this.people = people;
        this.reference = reference;
        this.audit = audit;
        addClassName("tx-page");
        setWidthFull();
        add(toolbar(), grid, empty);
        configureGrid();
        refresh();
    }

    private Component toolbar() {
        search.setId("accounts-search");
        search.setPlaceholder(getTranslation("admin.accounts.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setWidth("min(100%, 18rem)");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        Button create = new Button(getTranslation("admin.accounts.new"), VaadinIcon.PLUS.create(), e -> openCreate());
        create.setId("accounts-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button bulk = new Button(getTranslation("admin.bulk.open"), VaadinIcon.USERS.create(), e -> openBulk());
        bulk.setId("accounts-bulk");
        HorizontalLayout bar = new HorizontalLayout(search, create, bulk);
        bar.addClassName("tx-filters");
        return bar;
    }

    private void configureGrid() {
        grid.setId("accounts-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(AccountRow::username).setHeader(getTranslation("admin.accounts.username")).setAutoWidth(true)
                .setFlexGrow(1);
        Grid.Column<AccountRow> displayName = grid.addColumn(AccountRow::displayName)
                .setHeader(getTranslation("admin.accounts.display-name")).setAutoWidth(true).setFlexGrow(1);
        Grid.Column<AccountRow> unit = grid.addColumn(AccountRow::unitName).setHeader(getTranslation("admin.accounts.unit"))
                .setAutoWidth(true).setFlexGrow(1);
        Grid.Column<AccountRow> roles = grid.addColumn(r -> r.roles().stream().sorted(java.util.Comparator.comparingInt(Roles.ALL::indexOf))
                        .map(role -> getTranslation("admin.role." + role)).collect(Collectors.joining("、")))
                .setHeader(getTranslation("admin.accounts.roles")).setAutoWidth(true).setFlexGrow(1);
        grid.addComponentColumn(this::status).setHeader(getTranslation("admin.accounts.status")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(q -> accounts.search(search.getValue(), q.getOffset(), q.getLimit()).items().stream(),
                q -> (int) accounts.search(search.getValue(), 0, 0).total());
        grid.setWidthFull();
        grid.setHeight("560px");
        NarrowScreen.hideOnPhone(grid, List.of(displayName, unit, roles));
    }

    /** Disabled, or still on a password the portal issued (its owner must replace it at first login), or active. */
    private Component status(AccountRow row) {
        String key = !row.enabled() ? "admin.accounts.disabled"
                : row.oneTimePassword() ? "admin.accounts.one-time-password" : "admin.accounts.enabled";
        Span badge = new Span(getTranslation(key));
        badge.getElement().getThemeList().add(!row.enabled() ? "badge contrast" : row.oneTimePassword() ? "badge" : "badge success");
        badge.setId("account-status-" + row.id());
        return badge;
    }

    private Component actions(AccountRow row) {
        Button reset = small(VaadinIcon.KEY, "admin.accounts.reset", "account-reset-" + row.id(), e -> confirmReset(row));
        Button toggle = small(row.enabled() ? VaadinIcon.BAN : VaadinIcon.CHECK_CIRCLE,
                row.enabled() ? "admin.accounts.disable" : "admin.accounts.enable", "account-toggle-" + row.id(),
                e -> toggle(row));
        HorizontalLayout actions = new HorizontalLayout(reset, toggle);
        actions.setSpacing(false);
        return actions;
    }

    private Button small(VaadinIcon icon, String key, String id,
                         com.vaadin.flow.component.ComponentEventListener<com.vaadin.flow.component.ClickEvent<Button>> click) {
        Button button = new Button(icon.create(), click);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.setTooltipText(getTranslation(key));
        button.setAriaLabel(getTranslation(key));
        button.setId(id);
        return button;
    }

    private void confirmReset(AccountRow row) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("account-reset-confirm");
        confirm.setHeader(getTranslation("admin.accounts.reset"));
        confirm.setText(getTranslation("admin.accounts.reset-confirm", row.displayName(), row.username()));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("action.cancel"));
        confirm.setConfirmText(getTranslation("admin.accounts.reset"));
        confirm.addConfirmListener(e -> {
            IssuedCredential[] issued = new IssuedCredential[1];
            if (Notices.attempt(() -> issued[0] = accounts.resetPassword(row.id()))) {
                refresh();
                new IssuedCredentialsDialog(List.of(issued[0]), null, audit).open();
            }
        });
        confirm.open();
    }

    private void toggle(AccountRow row) {
        boolean enable = !row.enabled();
        if (Notices.attempt(() -> accounts.setEnabled(row.id(), enable))) {
            Notices.success(enable ? "admin.accounts.enabled-now" : "admin.accounts.disabled-now", row.username());
            refresh();
        }
    }

    private void openCreate() {
        new AccountFormDialog(accounts, units.visibleUnits(), issued -> {
            search.setValue(issued.username());
            refresh();
            new IssuedCredentialsDialog(List.of(issued), null, audit).open();
        }).open();
    }

    private void openBulk() {
        new BulkAccountsDialog(people, accounts, units.visibleUnits(), reference.sectors(), (issued, chosen) -> {
            refresh();
            new IssuedCredentialsDialog(issued, getTranslation("admin.bulk.summary", issued.size(), chosen - issued.size()),
                    audit).open();
        }).open();
    }

    private void refresh() {
        long total = accounts.search(search.getValue(), 0, 0).total();
        grid.setVisible(total > 0);
        empty.removeAll();
        empty.setVisible(total == 0);
        empty.setWidthFull();
        if (total == 0) {
            empty.add(new EmptyState("admin.accounts.empty", "admin.accounts.empty-hint"));
        }
        grid.getDataProvider().refreshAll();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.accounts");
    }
}
