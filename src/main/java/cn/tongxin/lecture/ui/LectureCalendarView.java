package cn.tongxin.lecture.ui;

import cn.tongxin.Application;
import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.lecture.LectureChoices;
import cn.tongxin.lecture.LectureChoices.TopicChoice;
import cn.tongxin.lecture.LectureQuery;
import cn.tongxin.lecture.LectureRow;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.LectureStatus;
import cn.tongxin.people.PersonOption;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The lecture calendar (宣讲日程) for every signed-in person: the service shows each caller what they may see (their
 * scope, the lectures they give or are invited to). A month of day cells, a week of seven columns, or a list; filtered
 * by unit, lecturer, topic and status; built from plain components with inline styles (no frontend build). A phone
 * starts with the list.
 */
@Route(LectureCalendarView.ROUTE)
@Menu(title = "lecture.schedule.nav", order = 25, icon = "vaadin:calendar")
@PermitAll
class LectureCalendarView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ROUTE = "lectures";
    /** Query parameters that keep the place in the calendar (a reload, the back button, a link from a lecture). */
    static final String MODE = "mode";
    static final String DATE = "date";

    /** The most lectures one month or week shows; beyond it the calendar says to narrow the filters. */
    static final int RANGE_LIMIT = 3000;
    /** Chips in one day cell of the month; the rest are one click away in the week. */
    static final int CHIPS_PER_DAY = 3;

    enum Mode { MONTH, WEEK, LIST }

    private final LectureService lectures;
    private final Clock clock;
    private final boolean office;

    private final Tabs modeTabs = new Tabs();
    private final Map<Mode, Tab> tabs = new LinkedHashMap<>();
    private final H3 range = new H3();
    private final ComboBox<UnitRef> unit = new ComboBox<>();
    private final ComboBox<PersonOption> lecturer = new ComboBox<>();
    private final ComboBox<TopicChoice> topic = new ComboBox<>();
    private final Select<LectureStatus> status = new Select<>();
    private final Div body = new Div();
    private final Grid<LectureRow> list = new Grid<>();

    private Mode mode = Mode.MONTH;
    private LocalDate anchor;
    /** Once the person picked a mode, the phone's default no longer overrides it. */
    private boolean chosen;

    LectureCalendarView(LectureService lectures, LectureChoices choices, UnitService units, Clock clock) {
        this.lectures = lectures;
        this.clock = clock;
        Caller caller = Callers.require();
        this.office = caller.isAdmin() || caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER);
        this.anchor = LocalDate.now(clock);
        addClassName("tx-page");
        setWidthFull();

        for (Mode m : Mode.values()) {
            Tab tab = new Tab(getTranslation("lecture.schedule.mode." + m));
            tab.setId("calendar-mode-" + m.name().toLowerCase());
            tabs.put(m, tab);
            modeTabs.add(tab);
        }
        modeTabs.setId("calendar-mode");
        modeTabs.addSelectedChangeListener(e -> {
            if (e.isFromClient()) {
                chosen = true;
            }
            Mode picked = tabs.entrySet().stream().filter(t -> t.getValue() == e.getSelectedTab()).map(Map.Entry::getKey)
                    .findFirst().orElse(Mode.MONTH);
            if (picked != mode) {
                mode = picked;
                refresh();
            }
        });

        Button prev = new Button(VaadinIcon.ANGLE_LEFT.create(), e -> move(-1));
        prev.setId("calendar-prev");
        prev.setAriaLabel(getTranslation("lecture.schedule.prev"));
        Button today = new Button(getTranslation("lecture.schedule.today"), e -> {
            anchor = LocalDate.now(clock);
            refresh();
        });
        today.setId("calendar-today");
        Button next = new Button(VaadinIcon.ANGLE_RIGHT.create(), e -> move(1));
        next.setId("calendar-next");
        next.setAriaLabel(getTranslation("lecture.schedule.next"));
        range.setId("calendar-range");
        range.getStyle().set("margin", "0 var(--lumo-space-s)");
        HorizontalLayout nav = new HorizontalLayout(prev, today, next, range);
        nav.setAlignItems(FlexComponent.Alignment.CENTER);
        nav.setSpacing(false);
        nav.getStyle().set("gap", "var(--lumo-space-xs)");
        HorizontalLayout top = new HorizontalLayout(nav, modeTabs);
        top.addClassName("tx-filters");
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        if (caller.isAdmin() || caller.has(Roles.ORGANIZER)) {
            Button create = new Button(getTranslation("lecture.schedule.new"), VaadinIcon.PLUS.create(),
                    e -> UI.getCurrent().navigate(LectureFormView.class));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.setId("calendar-new");
            top.add(create);
        }

        unit.setLabel(getTranslation("lecture.schedule.field.unit"));
        unit.setItems(office ? units.visibleUnits() : List.of());
        unit.setItemLabelGenerator(UnitRef::name);
        unit.setClearButtonVisible(true);
        unit.setPlaceholder(getTranslation("lecture.schedule.all"));
        unit.setId("calendar-unit");
        unit.setVisible(office);
        lecturer.setLabel(getTranslation("lecture.schedule.field.lecturer"));
        lecturer.setItems(choices.lecturers(List.of()));
        lecturer.setItemLabelGenerator(p -> p.name() + " · " + p.unitName());
        lecturer.setClearButtonVisible(true);
        lecturer.setPlaceholder(getTranslation("lecture.schedule.all"));
        lecturer.setId("calendar-lecturer");
        topic.setLabel(getTranslation("lecture.schedule.field.topic"));
        topic.setItems(choices.topics(null));
        topic.setItemLabelGenerator(TopicChoice::title);
        topic.setClearButtonVisible(true);
        topic.setPlaceholder(getTranslation("lecture.schedule.all"));
        topic.setId("calendar-topic");
        status.setLabel(getTranslation("lecture.schedule.field.status"));
        status.setItems(LectureStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("lecture.schedule.all"));
        status.setItemLabelGenerator(s -> s == null ? getTranslation("lecture.schedule.all") : getTranslation("lecture.status." + s));
        status.setId("calendar-status");
        unit.addValueChangeListener(e -> refresh());
        lecturer.addValueChangeListener(e -> refresh());
        topic.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(unit, lecturer, topic, status);
        filters.addClassName("tx-filters");

        buildList();
        body.setId("lecture-calendar");
        body.setWidthFull();
        add(top, filters, body);
    }

    /** A calendar that opens on this day's month (the link back from a lecture). */
    static QueryParameters at(LocalDate day) {
        return QueryParameters.of(DATE, day.toString());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters params = event.getLocation().getQueryParameters();
        params.getSingleParameter(MODE).flatMap(LectureCalendarView::mode).ifPresent(m -> {
            mode = m;
            chosen = true;
        });
        // Without a date (the menu), today; the mode stays as it was.
        anchor = LocalDate.now(clock);
        params.getSingleParameter(DATE).ifPresent(d -> {
            try {
                anchor = LocalDate.parse(d);
            } catch (java.time.format.DateTimeParseException e) {
                // a mistyped date: today's calendar
            }
        });
        modeTabs.setSelectedTab(tabs.get(mode));
        refresh();
    }

    private static java.util.Optional<Mode> mode(String text) {
        return java.util.Arrays.stream(Mode.values()).filter(m -> m.name().equalsIgnoreCase(text)).findFirst();
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        // On a phone the seven columns do not fit: the list is the default there.
        attach.getUI().getPage().retrieveExtendedClientDetails(details -> {
            int width = details.getWindowInnerWidth();
            if (!chosen && width > 0 && width <= NarrowScreen.PHONE_MAX_WIDTH && mode != Mode.LIST) {
                show(Mode.LIST);
            }
        });
    }

    /** Switches the mode as the tabs would. */
    void show(Mode m) {
        modeTabs.setSelectedTab(tabs.get(m));
    }

    private void move(int step) {
        anchor = mode == Mode.WEEK ? anchor.plusWeeks(step) : anchor.plusMonths(step);
        refresh();
    }

    // ---------------------------------------------------------------- the period and the query

    private LocalDate firstDay() {
        return switch (mode) {
            case WEEK -> anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> anchor.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case LIST -> anchor.withDayOfMonth(1);
        };
    }

    /** The day after the last one shown. */
    private LocalDate endDay() {
        return switch (mode) {
            case WEEK -> firstDay().plusDays(7);
            case MONTH -> anchor.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).plusDays(1);
            case LIST -> anchor.withDayOfMonth(1).plusMonths(1);
        };
    }

    private LectureQuery query() {
        return new LectureQuery(startOf(firstDay()), startOf(endDay()), unit.getValue() == null ? null : unit.getValue().id(),
                lecturer.getValue() == null ? null : lecturer.getValue().id(), topic.getValue() == null ? null : topic.getValue().id(),
                status.getValue());
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(Application.ZONE).toInstant();
    }

    private void refresh() {
        range.setText(rangeText());
        if (isAttached()) {
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location(ROUTE,
                    QueryParameters.simple(Map.of(MODE, mode.name().toLowerCase(java.util.Locale.ROOT), DATE, anchor.toString())))));
        }
        body.removeAll();
        LectureQuery q = query();
        if (mode == Mode.LIST) {
            boolean any = !lectures.search(q, 1).isEmpty();
            if (!any) {
                body.add(empty());
                return;
            }
            list.setItems(fetch -> lectures.search(q, fetch.getOffset() + fetch.getLimit()).stream().skip(fetch.getOffset()));
            body.add(list);
            return;
        }
        List<LectureRow> rows = lectures.search(q, RANGE_LIMIT);
        if (rows.isEmpty()) {
            body.add(empty());
        }
        if (rows.size() >= RANGE_LIMIT) {
            Span more = new Span(getTranslation("lecture.schedule.truncated", RANGE_LIMIT));
            more.setId("calendar-truncated");
            more.addClassName("tx-muted");
            body.add(more);
        }
        Map<LocalDate, List<LectureRow>> byDay = rows.stream()
                .collect(Collectors.groupingBy(r -> LectureLook.day(r.startsAt()), LinkedHashMap::new, Collectors.toList()));
        body.add(mode == Mode.MONTH ? month(byDay) : week(byDay));
    }

    private String rangeText() {
        DateTimeFormatter month = DateTimeFormatter.ofPattern(getTranslation("lecture.schedule.month-pattern"), getLocale());
        if (mode == Mode.WEEK) {
            DateTimeFormatter day = DateTimeFormatter.ofPattern(getTranslation("lecture.schedule.day-pattern"), getLocale());
            return day.format(firstDay()) + " – " + day.format(endDay().minusDays(1));
        }
        return month.format(anchor);
    }

    private Component empty() {
        EmptyState empty = new EmptyState("lecture.schedule.empty",
                office ? "lecture.schedule.empty-hint-office" : "lecture.schedule.empty-hint");
        empty.setId("calendar-empty");
        return empty;
    }

    // ---------------------------------------------------------------- month and week

    /** Seven columns, Monday first, from the Monday before the 1st to the Sunday after the last day. */
    private Component month(Map<LocalDate, List<LectureRow>> byDay) {
        Div grid = sevenColumns();
        grid.setId("calendar-month");
        addWeekdayHeads(grid, null);
        LocalDate today = LocalDate.now(clock);
        for (LocalDate day = firstDay(); day.isBefore(endDay()); day = day.plusDays(1)) {
            LocalDate current = day;
            Div cell = new Div();
            cell.setId("calendar-day-" + day);
            cell.getStyle().set("background", "var(--lumo-base-color)").set("min-height", "6.5rem")
                    .set("padding", "var(--lumo-space-xs)").set("min-width", "0").set("box-sizing", "border-box");
            Span number = new Span(String.valueOf(day.getDayOfMonth()));
            number.getStyle().set("font-size", "var(--lumo-font-size-s)").set("font-weight", "600");
            if (day.getMonth() != anchor.getMonth()) {
                cell.getStyle().set("background", "var(--lumo-contrast-5pct)");
                number.getStyle().set("color", "var(--lumo-tertiary-text-color)");
            }
            if (day.equals(today)) {
                number.getStyle().set("background", "var(--lumo-primary-color)").set("color", "var(--lumo-primary-contrast-color)")
                        .set("border-radius", "1em").set("padding", "0 0.4em");
            }
            cell.add(new Div(number));
            List<LectureRow> rows = byDay.getOrDefault(day, List.of());
            rows.stream().limit(CHIPS_PER_DAY).forEach(r -> cell.add(chip(r, false)));
            if (rows.size() > CHIPS_PER_DAY) {
                Button more = new Button(getTranslation("lecture.schedule.more", rows.size() - CHIPS_PER_DAY), e -> {
                    anchor = current;
                    show(Mode.WEEK);
                });
                more.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                more.setId("calendar-more-" + day);
                cell.add(more);
            }
            grid.add(cell);
        }
        return scroller(grid);
    }

    /** Seven columns of one week, each day's lectures in the order of time. */
    private Component week(Map<LocalDate, List<LectureRow>> byDay) {
        Div grid = sevenColumns();
        grid.setId("calendar-week");
        addWeekdayHeads(grid, firstDay());
        for (LocalDate day = firstDay(); day.isBefore(endDay()); day = day.plusDays(1)) {
            Div column = new Div();
            column.setId("calendar-day-" + day);
            column.getStyle().set("background", "var(--lumo-base-color)").set("min-height", "12rem")
                    .set("padding", "var(--lumo-space-xs)").set("min-width", "0").set("box-sizing", "border-box")
                    .set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)");
            byDay.getOrDefault(day, List.of()).forEach(r -> column.add(chip(r, true)));
            grid.add(column);
        }
        return scroller(grid);
    }

    private static Div sevenColumns() {
        Div grid = new Div();
        grid.getStyle().set("display", "grid").set("grid-template-columns", "repeat(7, minmax(0, 1fr))").set("gap", "1px")
                .set("background", "var(--lumo-contrast-10pct)").set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("min-width", "42rem");
        return grid;
    }

    /** Narrow windows scroll the grid sideways instead of squeezing it. */
    private static Component scroller(Div grid) {
        Div scroller = new Div(grid);
        scroller.getStyle().set("overflow-x", "auto").set("width", "100%");
        return scroller;
    }

    private void addWeekdayHeads(Div grid, LocalDate from) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern(getTranslation("lecture.schedule.day-pattern"), getLocale());
        for (int i = 0; i < 7; i++) {
            DayOfWeek dow = DayOfWeek.MONDAY.plus(i);
            String text = dow.getDisplayName(TextStyle.SHORT, getLocale()) + (from == null ? "" : " " + day.format(from.plusDays(i)));
            Span head = new Span(text);
            head.getStyle().set("background", "var(--lumo-contrast-5pct)").set("padding", "var(--lumo-space-xs)")
                    .set("font-size", "var(--lumo-font-size-s)").set("font-weight", "600").set("text-align", "center");
            grid.add(head);
        }
    }

    /** One lecture as a link to its page: the time and the title (as text), coloured by status. */
    private Component chip(LectureRow r, boolean full) {
        RouterLink link = new RouterLink();
        link.setRoute(LectureView.class, new RouteParameters(LectureView.ID, String.valueOf(r.id())));
        link.setId("calendar-lecture-" + r.id());
        link.getElement().setAttribute("title", r.title() + " · " + getTranslation("lecture.status." + r.status()));
        link.getStyle().set("display", "block").set("margin-top", "2px").set("padding", "1px 4px")
                .set("border-left", "3px solid " + LectureLook.colour(r.status())).set("background", LectureLook.background(r.status()))
                .set("border-radius", "var(--lumo-border-radius-s)").set("font-size", "var(--lumo-font-size-xs)")
                .set("color", "var(--lumo-body-text-color)").set("text-decoration", "none").set("line-height", "1.4");
        Span time = new Span(full ? Formats.time(r.startsAt()) + "–" + Formats.time(r.endsAt()) : Formats.time(r.startsAt()));
        time.getStyle().set("font-weight", "600").set("margin-right", "0.3em").set("font-variant-numeric", "tabular-nums");
        Span title = new Span(r.title());
        title.addClassName("lecture-chip-title");
        if (r.status() == LectureStatus.CANCELLED) {
            title.getStyle().set("text-decoration", "line-through");
        }
        if (full) {
            link.add(new Div(time), new Div(title));
            Span more = new Span(String.join(" · ", List.of(r.lecturers(), r.where()).stream().filter(s -> !s.isBlank()).toList()));
            more.getStyle().set("color", "var(--lumo-secondary-text-color)").set("display", "block");
            link.add(more);
            link.getStyle().set("overflow-wrap", "anywhere");
        } else {
            link.getStyle().set("white-space", "nowrap").set("overflow", "hidden").set("text-overflow", "ellipsis");
            link.add(time, title);
        }
        return link;
    }

    // ---------------------------------------------------------------- list

    private void buildList() {
        list.setId("calendar-list");
        list.setAllRowsVisible(false);
        list.setHeight("65vh");
        list.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT); // long titles wrap instead of running off a phone
        var when = list.addColumn(r -> LectureLook.when(r.startsAt(), r.endsAt())).setHeader(getTranslation("lecture.schedule.page.time"))
                .setAutoWidth(true).setFlexGrow(0);
        var titleColumn = list.addColumn(LectureRow::title).setHeader(getTranslation("lecture.schedule.field.title")).setFlexGrow(3);
        var topicColumn = list.addColumn(LectureRow::topicTitle).setHeader(getTranslation("lecture.schedule.field.topic")).setFlexGrow(2);
        var unitColumn = list.addColumn(LectureRow::unitName).setHeader(getTranslation("lecture.schedule.field.unit")).setAutoWidth(true);
        var lecturerColumn = list.addColumn(LectureRow::lecturers).setHeader(getTranslation("lecture.schedule.field.lecturers")).setAutoWidth(true);
        var whereColumn = list.addColumn(LectureRow::where).setHeader(getTranslation("lecture.schedule.page.where")).setAutoWidth(true);
        list.addComponentColumn(r -> LectureLook.badge(r.status())).setHeader(getTranslation("lecture.schedule.field.status"))
                .setAutoWidth(true).setFlexGrow(0);
        // On a phone the time goes under the title, in the title's column.
        var compact = list.addComponentColumn(r -> {
            Span time = new Span(LectureLook.when(r.startsAt(), r.endsAt()));
            time.addClassName("tx-muted");
            return new Div(new Div(new Span(r.title())), time);
        }).setHeader(getTranslation("lecture.schedule.field.title")).setFlexGrow(3);
        NarrowScreen.swapOnPhone(list, List.of(when, titleColumn, topicColumn, unitColumn, lecturerColumn, whereColumn),
                List.of(compact));
        list.addItemClickListener(e -> UI.getCurrent().navigate(LectureView.class,
                new RouteParameters(LectureView.ID, String.valueOf(e.getItem().id()))));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.schedule.nav");
    }
}
