package cn.tongxin.people.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonRow;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.RosterExportService;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * 人员名册: the people of the caller's units, searched and filtered, paged lazily from the service.
 * A row opens the person's record; the export takes every matching row (not just this page).
 */
@Route("people")
@Menu(title = "nav.people", order = 10, icon = "vaadin:users")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER})
class PeopleListView extends VerticalLayout implements HasDynamicTitle {

    /** Below this window width the grid keeps only name and unit. */
    static final int PHONE_WIDTH = 600;

    private final PersonService people;
    private final TextField search = new TextField();
    private final ComboBox<UnitRef> unit;
    private final ComboBox<ReferenceItem> sector = new ComboBox<>();
    private final ComboBox<ReferenceItem> party = new ComboBox<>();
    private final Checkbox representative = new Checkbox();
    private final ComboBox<PersonStatus> status = new ComboBox<>();
    private final Span count = new Span();
    private final HorizontalLayout moreFilters = new HorizontalLayout();
    private final Button filterToggle = new Button();
    private Boolean phoneLayout;
    private final Grid<PersonRow> grid = new Grid<>(PersonRow.class, false);
    private final EmptyState empty;
    private final List<Grid.Column<PersonRow>> secondary = new ArrayList<>();
    private volatile PersonQuery filter = PersonQuery.all();
    private boolean resetting;

    PeopleListView(PersonService people, UnitService units, ReferenceDataService reference,
                   RosterExportService export, Clock clock) {
        this.people = people;
        addClassName("tx-page");
        setSizeFull();
        Caller caller = Callers.require();
        boolean mayEdit = caller.has(Roles.ADMIN) || caller.has(Roles.ORGANIZER);

        search.setPlaceholder(getTranslation("people.filter.search"));
        search.setAriaLabel(getTranslation("people.filter.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setId("people-search");

        unit = UnitPicker.create(null, units.visibleUnits());
        unit.setPlaceholder(getTranslation("people.filter.unit"));
        unit.setAriaLabel(getTranslation("people.filter.unit"));
        unit.setClearButtonVisible(true);
        unit.setId("people-unit");

        sector.setItems(reference.sectors());
        sector.setItemLabelGenerator(ReferenceItem::name);
        sector.setPlaceholder(getTranslation("people.filter.sector"));
        sector.setAriaLabel(getTranslation("people.filter.sector"));
        sector.setClearButtonVisible(true);
        sector.setId("people-sector");

        party.setItems(reference.parties());
        party.setItemLabelGenerator(ReferenceItem::label);
        party.setPlaceholder(getTranslation("people.filter.party"));
        party.setAriaLabel(getTranslation("people.filter.party"));
        party.setClearButtonVisible(true);
        party.setId("people-party");

        representative.setLabel(getTranslation("people.filter.representative"));
        representative.setId("people-representative");

        status.setItems(PersonStatus.values());
        status.setItemLabelGenerator(s -> getTranslation("person.status." + s.name()));
        status.setPlaceholder(getTranslation("people.filter.status"));
        status.setAriaLabel(getTranslation("people.filter.status"));
        status.setClearButtonVisible(true);
        status.setId("people-status");

        Button reset = new Button(getTranslation("action.reset"), e -> reset());
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reset.setId("people-reset");

        search.addValueChangeListener(e -> applyFilter());
        unit.addValueChangeListener(e -> applyFilter());
        sector.addValueChangeListener(e -> applyFilter());
        party.addValueChangeListener(e -> applyFilter());
        representative.addValueChangeListener(e -> applyFilter());
        status.addValueChangeListener(e -> applyFilter());

        search.addClassName("tx-people-search");
        for (var field : List.of(unit, sector, party, status)) {
            field.addClassName("tx-people-filter");
        }
        moreFilters.add(unit, sector, party, status, representative, reset);
        moreFilters.addClassName("tx-filters");
        moreFilters.addClassName("tx-people-more");
        moreFilters.setWidth(null);
        moreFilters.setPadding(false);
        // On a phone the filters other than the search fold behind one button.
        filterToggle.setText(getTranslation("people.filter.toggle"));
        filterToggle.setIcon(VaadinIcon.FILTER.create());
        filterToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        filterToggle.setId("people-filter-toggle");
        filterToggle.setVisible(false);
        filterToggle.addClickListener(e -> moreFilters.setVisible(!moreFilters.isVisible()));
        HorizontalLayout filters = new HorizontalLayout(search, filterToggle, moreFilters);
        filters.addClassName("tx-filters");

        // Actions: new person, import, export of the current filter.
        HorizontalLayout actions = new HorizontalLayout();
        actions.addClassName("tx-filters");
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        count.addClassName("tx-muted");
        count.setId("people-count");
        actions.add(count);
        Span spacer = new Span();
        actions.add(spacer);
        actions.setFlexGrow(1, spacer);
        if (mayEdit) {
            Button create = new Button(getTranslation("people.new"), VaadinIcon.PLUS.create(),
                    e -> UI.getCurrent().navigate(PersonFormView.class));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.setId("people-new");
            Button importButton = new Button(getTranslation("action.import"), VaadinIcon.UPLOAD.create(),
                    e -> UI.getCurrent().navigate(RosterImportView.class));
            importButton.setId("people-import");
            actions.add(create, importButton);
        }
        DownloadHandler download = event -> {
            String date = LocalDate.now(clock).format(DateTimeFormatter.BASIC_ISO_DATE);
            event.setFileName(event.getUI().getTranslation("people.export.file", date));
            event.setContentType(RosterExportService.XLSX_MIME);
            export.export(filter, event.getUI().getLocale(), event.getOutputStream());
        };
        Anchor exportLink = new Anchor(download, AttachmentType.DOWNLOAD, "");
        Button exportButton = new Button(getTranslation("action.export"), VaadinIcon.DOWNLOAD.create());
        exportButton.setTabIndex(-1);
        exportLink.add(exportButton);
        exportLink.setId("people-export");
        actions.add(exportLink);

        grid.setId("people-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        // The label, not the bare name: on a phone it is all that tells two people of one name apart.
        grid.addColumn(r -> r.label().text(getLocale())).setHeader(getTranslation("person.field.name")).setWidth("13em").setFlexGrow(1);
        secondary.add(grid.addColumn(r -> getTranslation("person.gender." + r.gender().name()))
                .setHeader(getTranslation("person.field.gender")).setAutoWidth(true).setFlexGrow(0));
        grid.addColumn(PersonRow::unitName).setHeader(getTranslation("person.field.unit")).setFlexGrow(1);
        secondary.add(grid.addColumn(PersonRow::partyName).setHeader(getTranslation("person.field.party")).setAutoWidth(true).setFlexGrow(0));
        secondary.add(grid.addColumn(PersonRow::sectors).setHeader(getTranslation("person.field.sectors")).setFlexGrow(1));
        secondary.add(grid.addColumn(PersonRow::position).setHeader(getTranslation("person.field.position")).setAutoWidth(true).setFlexGrow(0));
        secondary.add(grid.addColumn(r -> r.representative() ? getTranslation("people.representative.yes") : "")
                .setHeader(getTranslation("person.field.representative-short")).setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.CENTER));
        secondary.add(grid.addColumn(PersonRow::maskedIdCard).setHeader(getTranslation("person.field.id-card"))
                .setAutoWidth(true).setFlexGrow(0));
        grid.addItemClickListener(e -> UI.getCurrent().navigate(PersonDetailView.class,
                new RouteParameters(PersonDetailView.ID, String.valueOf(e.getItem().id()))));
        grid.setItems(q -> people.search(filter, q.getOffset(), q.getLimit()).items().stream(),
                q -> (int) people.count(filter));

        Button emptyReset = new Button(getTranslation("people.filter.clear"), e -> reset());
        Component[] emptyActions = mayEdit
                ? new Component[]{emptyReset, new Button(getTranslation("people.new"), e -> UI.getCurrent().navigate(PersonFormView.class))}
                : new Component[]{emptyReset};
        empty = new EmptyState("people.empty.title", "people.empty.hint", emptyActions);
        empty.setId("people-empty");
        empty.setVisible(false);

        add(filters, actions, grid, empty);
        setFlexGrow(1, grid);
        updateCount();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        ui.getPage().retrieveExtendedClientDetails(details -> fitTo(details.getWindowInnerWidth()));
        ui.getPage().addBrowserWindowResizeListener(e -> fitTo(e.getWidth()));
    }

    /** On a phone only name and unit stay; the rest is one tap away on the detail page. */
    private void fitTo(int width) {
        boolean phone = width > 0 && width < PHONE_WIDTH;
        if (Boolean.valueOf(phone).equals(phoneLayout)) {
            return;
        }
        phoneLayout = phone;
        secondary.forEach(c -> c.setVisible(!phone));
        filterToggle.setVisible(phone);
        moreFilters.setVisible(!phone);
    }

    private void applyFilter() {
        if (resetting) {
            return;
        }
        filter = new PersonQuery(search.getValue(), unit.getValue() == null ? null : unit.getValue().id(),
                sector.getValue() == null ? null : sector.getValue().id(),
                party.getValue() == null ? null : party.getValue().id(),
                representative.getValue() ? Boolean.TRUE : null, status.getValue());
        grid.getDataProvider().refreshAll();
        updateCount();
    }

    private void reset() {
        resetting = true;
        search.clear();
        unit.clear();
        sector.clear();
        party.clear();
        representative.clear();
        status.clear();
        resetting = false;
        applyFilter();
    }

    private void updateCount() {
        long total = people.count(filter);
        count.setText(getTranslation("people.count", total));
        grid.setVisible(total > 0);
        empty.setVisible(total == 0);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.people");
    }
}
