package cn.tongxin.rotation.ui;

import cn.tongxin.base.Page;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.LastingSelection;
import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.rotation.Candidate;
import cn.tongxin.rotation.CandidateFilter;
import cn.tongxin.rotation.ClassDetail;
import cn.tongxin.rotation.ClassStatus;
import cn.tongxin.rotation.EnrollmentRow;
import cn.tongxin.rotation.CompletionDocuments;
import cn.tongxin.rotation.EnrollmentService;
import cn.tongxin.rotation.EnrollmentStatus;
import cn.tongxin.rotation.FillResult;
import cn.tongxin.rotation.NominationRow;
import cn.tongxin.rotation.NominationStatus;
import cn.tongxin.rotation.PlanRow;
import cn.tongxin.rotation.QuotaRow;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.rotation.SessionRow;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import org.springframework.beans.factory.ObjectProvider;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One class: its header and state, the timetable (day by day, editable), the roster, quotas and nominations. */
@Route("rotation/class")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER})
class ClassView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final RotationService rotation;
    private final EnrollmentService enrollment;
    private final UnitService units;
    private final ReferenceDataService reference;
    private long classId;
    private ClassDetail detail;
    private final Div header = new Div();
    private final VerticalLayout timetable = new VerticalLayout();
    private final VerticalLayout roster = new VerticalLayout();
    private final VerticalLayout quotas = new VerticalLayout();
    private final Grid<EnrollmentRow> rosterGrid = new Grid<>();

    private final ObjectProvider<CompletionDocuments> documents;

    ClassView(RotationService rotation, EnrollmentService enrollment, UnitService units, ReferenceDataService reference,
              ObjectProvider<CompletionDocuments> documents) {
        this.documents = documents;
        this.rotation = rotation;
        this.enrollment = enrollment;
        this.units = units;
        this.reference = reference;
        addClassName("tx-page");
        setWidthFull();
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        classId = id;
        detail = rotation.classDetail(id);
        removeAll();
        header.setWidthFull();
        add(header);
        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add(getTranslation("rotation.class.timetable"), timetable);
        if (detail.manageable() || Callers.require().has(Roles.CHECKER)) {
            tabs.add(getTranslation("rotation.class.roster"), roster);
        }
        tabs.add(getTranslation("rotation.class.quotas"), quotas);
        add(tabs);
        refresh();
    }

    private void refresh() {
        detail = rotation.classDetail(classId);
        renderHeader();
        renderTimetable();
        if (detail.manageable() || Callers.require().has(Roles.CHECKER)) {
            renderRoster();
        }
        renderQuotas();
    }

    private void renderHeader() {
        header.removeAll();
        H2 title = new H2(detail.data().title());
        title.setId("class-heading");
        title.getStyle().set("margin", "0");
        HorizontalLayout meta = new HorizontalLayout(ClassesView.badge(detail.status()),
                new Span(detail.data().startDate() + " – " + detail.data().endDate()),
                new Span(detail.data().venue() == null ? "" : detail.data().venue()),
                new Span(getTranslation("rotation.class.seats-text", detail.enrolled(), detail.data().capacity())),
                new Span(detail.unitName()));
        meta.addClassName("tx-filters");
        meta.setAlignItems(FlexComponent.Alignment.CENTER);
        Span rule = new Span(getTranslation("rotation.class.rule-text", detail.data().minAttendancePct(),
                detail.data().maxLeaveShare().multiply(java.math.BigDecimal.valueOf(100)).setScale(1, java.math.RoundingMode.HALF_UP),
                detail.data().minHours()));
        rule.addClassName("tx-muted");
        header.add(title, meta, rule);
        if (detail.manageable()) {
            Button edit = new Button(getTranslation("action.edit"), VaadinIcon.EDIT.create(), e -> new ClassDialog(detail,
                    units.visibleUnits(), rotation.plans(), data -> {
                rotation.updateClass(classId, detail.version(), data);
                Notices.success("rotation.saved");
                refresh();
            }).open());
            edit.setId("class-edit");
            ClassStatus next = detail.status().next();
            Button advance = new Button(next == null ? "" : getTranslation("rotation.advance." + next), e -> confirmAdvance());
            advance.setId("class-advance");
            advance.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            advance.setVisible(next != null);
            Button clone = new Button(getTranslation("rotation.class.clone"), VaadinIcon.COPY.create(), e -> cloneDialog());
            clone.setId("class-clone");
            HorizontalLayout actions = new HorizontalLayout(advance, edit, clone);
            actions.addClassName("tx-filters");
            header.add(actions);
        }
    }

    /** 发布 mails everyone invited, 开班 and 结班 cannot be undone: each says what it will do, to how many, and asks. */
    private void confirmAdvance() {
        Notices.attempt(() -> {
            var step = rotation.previewAdvance(classId);
            String title = detail.data().title();
            Confirm.ask(getTranslation("rotation.advance." + step.next()),
                    getTranslation("rotation.confirm." + step.next(), title, step.people(), step.completing(),
                            step.people() - step.completing()),
                    getTranslation("rotation.advance." + step.next()), step.next() == ClassStatus.CLOSED, () -> {
                        rotation.advance(classId);
                        Notices.success("rotation.saved");
                        refresh();
                    });
        });
    }

    private void cloneDialog() {
        Dialog d = new Dialog(getTranslation("rotation.class.clone"));
        TextField title = new TextField(getTranslation("rotation.class.title"));
        title.setValue(detail.data().title());
        title.setWidthFull();
        DatePicker start = new DatePicker(getTranslation("rotation.class.start"));
        start.setValue(detail.data().startDate().plusMonths(1));
        d.add(new VerticalLayout(title, start));
        UnsavedChanges changes = UnsavedChanges.ofDialog(d, title, start);
        Button ok = new Button(getTranslation("action.confirm"), e -> Notices.attempt(() -> {
            long copy = rotation.cloneClass(classId, start.getValue(), title.getValue());
            changes.closeSaved();
            getUI().ifPresent(ui -> ui.navigate(ClassView.class, copy));
        }));
        ok.setId("clone-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.getFooter().add(new Button(getTranslation("action.cancel"), e -> changes.requestClose()), ok);
        d.open();
    }

    // ------------------------------------------------------------------ timetable

    private void renderTimetable() {
        timetable.removeAll();
        timetable.setPadding(false);
        List<SessionRow> sessions = rotation.sessions(classId);
        Map<LocalDate, List<SessionRow>> byDay = sessions.stream().collect(Collectors.groupingBy(s -> s.startsAt().toLocalDate()));
        Locale locale = getLocale();
        for (LocalDate day = detail.data().startDate(); !day.isAfter(detail.data().endDate()); day = day.plusDays(1)) {
            LocalDate current = day;
            Div card = new Div();
            card.addClassNames("tx-card", "tx-day");
            card.setWidthFull();
            H4 head = new H4(day + " " + day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, locale));
            head.getStyle().set("margin", "0 0 var(--lumo-space-s) 0");
            card.add(head);
            for (SessionRow s : byDay.getOrDefault(day, List.of())) {
                card.add(sessionLine(s));
            }
            if (byDay.getOrDefault(day, List.of()).isEmpty()) {
                Span none = new Span(getTranslation("rotation.session.none"));
                none.addClassName("tx-muted");
                card.add(none);
            }
            if (detail.manageable()) {
                Button add = new Button(getTranslation("rotation.session.new"), VaadinIcon.PLUS.create(),
                        e -> new SessionDialog(null, current, data -> {
                            rotation.addSession(classId, data);
                            refresh();
                        }).open());
                add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                add.setId("session-add-" + day);
                card.add(new Div(add));
            }
            timetable.add(card);
        }
    }

    private Component sessionLine(SessionRow s) {
        Div line = new Div();
        line.addClassName("tx-session");
        Span time = new Span(TIME.format(s.startsAt()) + "–" + TIME.format(s.endsAt()));
        time.addClassName("tx-session-time");
        Span title = new Span(s.title());
        title.addClassName("tx-session-title");
        Span kind = new Span(getTranslation("rotation.kind." + s.kind()));
        kind.getElement().getThemeList().add("badge small");
        Span more = new Span(String.join(" · ", java.util.stream.Stream.of(s.speaker(), s.place(),
                getTranslation("rotation.session.hours-text", s.hours())).filter(x -> x != null && !x.isBlank()).toList()));
        more.addClassName("tx-muted");
        Div text = new Div(new Div(time, new Span(" "), kind, new Span(" "), title), more);
        text.getStyle().set("flex", "1");
        line.add(text);
        if (detail.manageable()) {
            // The sign-in of this session: door screen (projector), live board.
            Anchor door = new Anchor("attendance/door/SESSION/" + s.id(), getTranslation("rotation.session.door"));
            door.setTarget("_blank");
            Anchor board = new Anchor("attendance/board/SESSION/" + s.id(), getTranslation("rotation.session.board"));
            door.addClassName("tx-session-link");
            board.addClassName("tx-session-link");
            line.add(door, board);
            Button edit = new Button(VaadinIcon.EDIT.create(), e -> new SessionDialog(s, null, data -> {
                rotation.updateSession(s.id(), s.version(), data);
                refresh();
            }).open());
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            edit.setAriaLabel(getTranslation("action.edit"));
            Button delete = new Button(VaadinIcon.TRASH.create(), e -> Notices.attempt(() -> Confirm.ask(
                    getTranslation("rotation.confirm.delete-session.title"),
                    getTranslation("rotation.confirm.delete-session.message", s.title(),
                            s.startsAt().toLocalDate() + " " + TIME.format(s.startsAt()), rotation.peopleRecordedAt(s.id())),
                    getTranslation("rotation.confirm.delete-session.ok"), true, () -> {
                        rotation.deleteSession(s.id());
                        refresh();
                    })));
            delete.setId("session-delete-" + s.id());
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            delete.setAriaLabel(getTranslation("rotation.delete"));
            line.add(edit, delete);
        }
        return line;
    }

    // ------------------------------------------------------------------ roster

    private void renderRoster() {
        roster.removeAll();
        roster.setPadding(false);
        Select<EnrollmentStatus> status = new Select<>();
        status.setLabel(getTranslation("rotation.enrollment.status"));
        status.setItems(EnrollmentStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setItemLabelGenerator(s -> s == null ? getTranslation("rotation.all") : getTranslation("rotation.enrollment." + s));
        HorizontalLayout bar = new HorizontalLayout(status);
        bar.addClassName("tx-filters");
        if (detail.manageable() && detail.status() != ClassStatus.CLOSED) {
            Button fill = new Button(getTranslation("rotation.fill"), VaadinIcon.USERS.create(), e -> fillDialog());
            fill.setId("roster-fill");
            fill.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            bar.add(fill);
        }
        roster.add(bar);
        rosterGrid.removeAllColumns();
        rosterGrid.setId("roster-grid");
        rosterGrid.addColumn(r -> r.person().text(getLocale())).setHeader(getTranslation("rotation.person.name")).setAutoWidth(true);
        rosterGrid.addColumn(EnrollmentRow::unitName).setHeader(getTranslation("rotation.person.unit")).setAutoWidth(true)
                ;
        // A draft class has sent no invitation yet: its people are chosen, not invited.
        rosterGrid.addColumn(r -> getTranslation("rotation.enrollment." + r.status()
                        + (r.status() == EnrollmentStatus.INVITED && detail.status() == ClassStatus.DRAFT ? ".draft" : "")))
                .setHeader(getTranslation("rotation.enrollment.status")).setAutoWidth(true);
        rosterGrid.addColumn(r -> r.hours() == null ? "" : r.hours().toPlainString()).setHeader(getTranslation("rotation.session.hours")).setAutoWidth(true);
        if (detail.manageable()) {
            NarrowScreen.keepInSight(rosterGrid.addComponentColumn(this::rosterActions).setKey("actions"));
        }
        Runnable load = () -> rosterGrid.setItems(
                q -> enrollment.roster(classId, status.getValue(), q.getOffset(), q.getLimit()).items().stream(),
                q -> (int) enrollment.roster(classId, status.getValue(), 0, 1).total());
        status.addValueChangeListener(e -> load.run());
        load.run();
        rosterGrid.setHeight("60vh");
        roster.add(rosterGrid);
    }

    private Component rosterActions(EnrollmentRow r) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        boolean started = detail.status() == ClassStatus.IN_PROGRESS || detail.status() == ClassStatus.CLOSED;
        if (started && r.status().holdsSeat()) {
            Button done = new Button(getTranslation("rotation.complete"), e -> {
                if (Notices.attempt(() -> enrollment.markCompleted(classId, r.personId()))) {
                    rosterGrid.getDataProvider().refreshAll();
                }
            });
            done.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_TERTIARY);
            done.setId("complete-" + r.personId());
            Button notDone = new Button(getTranslation("rotation.not-complete"), e -> {
                if (Notices.attempt(() -> enrollment.markNotCompleted(classId, r.personId()))) {
                    rosterGrid.getDataProvider().refreshAll();
                }
            });
            notDone.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            actions.add(done, notDone);
        }
        CompletionDocuments docs = documents.getIfAvailable();
        if (r.status() == EnrollmentStatus.COMPLETED && docs != null) {
            java.util.Locale locale = getLocale();
            com.vaadin.flow.component.html.Anchor pdf = new com.vaadin.flow.component.html.Anchor(
                    com.vaadin.flow.server.streams.DownloadHandler.fromInputStream(ev -> new com.vaadin.flow.server.streams.DownloadResponse(
                            new java.io.ByteArrayInputStream(docs.content(r.id(), locale)), "certificate-" + r.id() + ".pdf",
                            "application/pdf", -1)), getTranslation("rotation.roster.certificate"));
            pdf.getElement().setAttribute("download", true);
            pdf.setId("certificate-" + r.personId());
            actions.add(pdf);
        }
        if (r.status() == EnrollmentStatus.INVITED || r.status() == EnrollmentStatus.CONFIRMED || r.status() == EnrollmentStatus.WAITLISTED) {
            Button withdraw = new Button(getTranslation("rotation.withdraw"), e -> Confirm.ask(
                    getTranslation("rotation.confirm.withdraw.title"),
                    getTranslation("rotation.confirm.withdraw.message", r.personName()),
                    getTranslation("rotation.confirm.withdraw.ok"), true, () -> {
                        enrollment.withdraw(r.id());
                        refresh();
                    }));
            withdraw.setId("withdraw-" + r.personId());
            withdraw.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(withdraw);
        }
        return actions;
    }

    private void fillDialog() {
        Dialog d = new Dialog(getTranslation("rotation.fill"));
        d.setWidth("min(860px, 100vw)");
        List<PlanRow> plans = rotation.plans().stream().filter(p -> detail.data().planIds().contains(p.id())).toList();
        if (plans.isEmpty()) {
            d.add(new EmptyState("rotation.fill.no-plan", "rotation.fill.no-plan-hint"));
            d.getFooter().add(new Button(getTranslation("action.close"), e -> d.close()));
            d.open();
            return;
        }
        ComboBox<PlanRow> plan = new ComboBox<>(getTranslation("rotation.plan"), plans);
        plan.setItemLabelGenerator(PlanRow::name);
        plan.setValue(plans.getFirst());
        plan.setId("fill-plan");
        ComboBox<UnitRef> unit = new ComboBox<>(getTranslation("rotation.person.unit"), units.visibleUnits());
        unit.setItemLabelGenerator(UnitRef::name);
        unit.setClearButtonVisible(true);
        ComboBox<ReferenceItem> sector = new ComboBox<>(getTranslation("rotation.person.sectors"), reference.sectors());
        sector.setItemLabelGenerator(ReferenceItem::name);
        sector.setClearButtonVisible(true);
        TextField text = new TextField(getTranslation("rotation.person.name"));
        Checkbox untrained = new Checkbox(getTranslation("rotation.fill.untrained-only"), true);
        Grid<Candidate> preview = new Grid<>();
        preview.setId("fill-preview");
        preview.setHeight("320px");
        // Ticks made under one filter stay when the filter changes.
        LastingSelection<Candidate, Long> chosen = new LastingSelection<>(preview, Candidate::personId);
        Span chosenCount = new Span(getTranslation("rotation.fill.chosen", 0));
        chosenCount.setId("fill-chosen");
        chosen.onChange(n -> chosenCount.setText(getTranslation("rotation.fill.chosen", n)));
        preview.addColumn(c -> c.person().text(getLocale())).setHeader(getTranslation("rotation.person.name")).setAutoWidth(true);
        preview.addColumn(Candidate::unitName).setHeader(getTranslation("rotation.person.unit")).setAutoWidth(true);
        preview.addColumn(Candidate::sectors).setHeader(getTranslation("rotation.person.sectors"));
        preview.addColumn(c -> getTranslation(c.trained() ? "rotation.coverage.trained" : c.enrolled()
                ? "rotation.coverage.enrolled" : "rotation.coverage.untouched")).setHeader(getTranslation("rotation.enrollment.status"));
        Span count = new Span();
        count.setId("fill-count");
        Runnable load = () -> {
            CandidateFilter f = new CandidateFilter(unit.getValue() == null ? null : unit.getValue().id(),
                    sector.getValue() == null ? null : sector.getValue().id(), text.getValue(), untrained.getValue());
            Page<Candidate> page = enrollment.candidates(classId, plan.getValue().id(), f, 0, 200);
            chosen.setItems(page.items());
            count.setText(getTranslation("rotation.fill.count", page.total(), detail.data().capacity() - detail.enrolled()));
        };
        plan.addValueChangeListener(e -> load.run());
        unit.addValueChangeListener(e -> load.run());
        sector.addValueChangeListener(e -> load.run());
        text.addValueChangeListener(e -> load.run());
        untrained.addValueChangeListener(e -> load.run());
        load.run();
        HorizontalLayout filters = new HorizontalLayout(plan, unit, sector, text, untrained);
        filters.addClassName("tx-filters");
        d.add(new VerticalLayout(filters, new HorizontalLayout(count, chosenCount), preview));
        Button fillFree = new Button(getTranslation("rotation.fill.free-seats"), e -> {
            CandidateFilter f = new CandidateFilter(unit.getValue() == null ? null : unit.getValue().id(),
                    sector.getValue() == null ? null : sector.getValue().id(), text.getValue(), untrained.getValue());
            askIfMailed(detail.data().capacity() - detail.enrolled(), () -> {
                FillResult r = enrollment.fill(classId, plan.getValue().id(), f);
                Notices.success("rotation.fill.done", r.enrolled(), r.conflicting());
                d.close();
                refresh();
            });
        });
        fillFree.setId("fill-free");
        fillFree.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button selected = new Button(getTranslation("rotation.fill.selected"), e -> askIfMailed(chosen.chosen().size(), () -> {
            FillResult r = enrollment.enroll(classId, chosen.chosen().stream().map(Candidate::personId).toList(), true);
            Notices.success("rotation.fill.done-waitlist", r.enrolled(), r.waitlisted(), r.conflicting());
            d.close();
            refresh();
        }));
        selected.setId("fill-selected");
        d.getFooter().add(new Button(getTranslation("action.cancel"), e -> d.close()), selected, fillFree);
        d.open();
    }

    /** Enrolling into a published or running class mails the invitations at once: ask first there; a draft mails no one. */
    private void askIfMailed(int people, Runnable enroll) {
        if (detail.status() == ClassStatus.PUBLISHED || detail.status() == ClassStatus.IN_PROGRESS) {
            Confirm.ask(getTranslation("rotation.confirm.fill.title"),
                    getTranslation("rotation.confirm.fill.message", people, detail.data().title()),
                    getTranslation("rotation.confirm.fill.title"), false, enroll);
        } else {
            Notices.attempt(enroll);
        }
    }

    // ------------------------------------------------------------------ quotas and nominations

    private void renderQuotas() {
        quotas.removeAll();
        quotas.setPadding(false);
        Caller caller = Callers.require();
        List<QuotaRow> rows;
        List<NominationRow> noms;
        try {
            rows = enrollment.quotas(classId);
            noms = enrollment.nominations(classId);
        } catch (org.springframework.security.access.AccessDeniedException e) {
            quotas.add(new EmptyState("rotation.quota.none", "rotation.quota.none-hint"));
            return;
        }
        if (detail.manageable()) {
            ComboBox<UnitRef> unit = new ComboBox<>(getTranslation("rotation.person.unit"), units.visibleUnits());
            unit.setItemLabelGenerator(UnitRef::name);
            unit.setId("quota-unit");
            IntegerField seats = new IntegerField(getTranslation("rotation.quota.seats"));
            seats.setId("quota-seats");
            seats.setMin(0);
            Button set = new Button(getTranslation("rotation.quota.set"), e -> {
                if (unit.getValue() != null && seats.getValue() != null
                    && Notices.attempt(() -> enrollment.setQuota(classId, unit.getValue().id(), seats.getValue()))) {
                    refresh();
                }
            });
            set.setId("quota-set");
            HorizontalLayout bar = new HorizontalLayout(unit, seats, set);
            bar.addClassName("tx-filters");
            quotas.add(bar);
        }
        if (rows.isEmpty()) {
            quotas.add(new EmptyState("rotation.quota.none", "rotation.quota.none-hint"));
            return;
        }
        Grid<QuotaRow> grid = new Grid<>();
        grid.setId("quota-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(QuotaRow::unitName).setHeader(getTranslation("rotation.person.unit")).setAutoWidth(true);
        grid.addColumn(QuotaRow::seats).setHeader(getTranslation("rotation.quota.seats"));
        grid.addColumn(QuotaRow::pending).setHeader(getTranslation("rotation.nomination.PENDING"));
        grid.addColumn(QuotaRow::approved).setHeader(getTranslation("rotation.nomination.APPROVED"));
        grid.setItems(rows);
        quotas.add(grid);
        if (detail.status() != ClassStatus.CLOSED && caller.has(Roles.ORGANIZER)) {
            List<QuotaRow> mine = rows.stream().filter(q -> units.visibleUnits().stream().anyMatch(u -> u.id() == q.unitId())).toList();
            if (!mine.isEmpty()) {
                ComboBox<QuotaRow> quota = new ComboBox<>(getTranslation("rotation.quota.unit"), mine);
                quota.setItemLabelGenerator(QuotaRow::unitName);
                quota.setValue(mine.getFirst());
                quota.setId("nominate-quota");
                ComboBox<Candidate> person = new ComboBox<>(getTranslation("rotation.person.name"));
                person.setId("nominate-person");
                person.setItemLabelGenerator(c -> c.person().text(getLocale(), c.unitName()));
                person.setItems(q -> enrollment.nominees(classId, quota.getValue().unitId(), q.getFilter().orElse(""),
                        q.getLimit() + q.getOffset()).stream().skip(q.getOffset()));
                person.setWidth("min(320px, 100%)");
                Button nominate = new Button(getTranslation("rotation.nominate"), e -> {
                    if (person.getValue() != null && Notices.attempt(() ->
                            enrollment.nominate(classId, quota.getValue().unitId(), person.getValue().personId()))) {
                        Notices.success("rotation.saved");
                        refresh();
                    }
                });
                nominate.setId("nominate");
                nominate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                HorizontalLayout bar = new HorizontalLayout(quota, person, nominate);
                bar.addClassName("tx-filters");
                quotas.add(bar);
            }
        }
        Grid<NominationRow> nomGrid = new Grid<>();
        nomGrid.setId("nomination-grid");
        nomGrid.setAllRowsVisible(true);
        nomGrid.addColumn(n -> n.person().text(getLocale())).setHeader(getTranslation("rotation.person.name")).setAutoWidth(true);
        nomGrid.addColumn(NominationRow::unitName).setHeader(getTranslation("rotation.quota.unit")).setAutoWidth(true);
        nomGrid.addColumn(n -> getTranslation("rotation.nomination." + n.status())
                               + (n.reason() == null ? "" : "（" + n.reason() + "）")).setHeader(getTranslation("rotation.enrollment.status"));
        if (detail.manageable()) {
            nomGrid.addComponentColumn(n -> {
                if (n.status() != NominationStatus.PENDING) {
                    return new Span();
                }
                Button approve = new Button(getTranslation("rotation.approve"), e -> {
                    if (Notices.attempt(() -> enrollment.approve(n.id()))) {
                        refresh();
                    }
                });
                approve.setId("approve-" + n.id());
                approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
                Button back = new Button(getTranslation("rotation.return"), e -> returnDialog(n));
                back.setId("return-" + n.id());
                back.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                return new HorizontalLayout(approve, back);
            }).setKey("actions");
            NarrowScreen.keepInSight(nomGrid.getColumnByKey("actions"));
        }
        nomGrid.setItems(noms);
        if (!noms.isEmpty()) {
            quotas.add(new H4(getTranslation("rotation.nominations")), nomGrid);
        }
    }

    private void returnDialog(NominationRow n) {
        Confirm.askReason(getTranslation("rotation.return"), getTranslation("rotation.return.message", n.personName(), n.unitName()),
                getTranslation("rotation.return.reason"), 500, getTranslation("rotation.return"), reason -> {
                    enrollment.returnNomination(n.id(), reason);
                    refresh();
                });
    }

    @Override
    public String getPageTitle() {
        return detail == null ? getTranslation("nav.rotation.classes") : detail.data().title();
    }
}
