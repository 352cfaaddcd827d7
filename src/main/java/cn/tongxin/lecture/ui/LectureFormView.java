package cn.tongxin.lecture.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.lecture.Clash;
import cn.tongxin.lecture.LectureChoices;
import cn.tongxin.lecture.LectureChoices.GroupChoice;
import cn.tongxin.lecture.LectureChoices.TopicChoice;
import cn.tongxin.lecture.LectureChoices.VenueChoice;
import cn.tongxin.lecture.LectureData;
import cn.tongxin.lecture.LectureDetail;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.LectureStatus;
import cn.tongxin.people.PersonOption;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.people.ui.AudienceFields;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A new lecture, or a change to one (organizers of its unit's subtree, administrators). While the organizer edits,
 * every change of time, lecturers or venue asks the service what the lecture would clash with, and the warning box
 * says it in words before anything is saved; the service (and the database) refuse a clash anyway.
 */
@Route("lectures/new")
@RouteAlias("lectures/:" + LectureFormView.ID + "([0-9]{1,18})/edit")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class LectureFormView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ID = "id";
    private static final Duration DEFAULT_LENGTH = Duration.ofHours(2);

    private final LectureService lectures;
    private final LectureChoices choices;
    private final List<UnitRef> units;
    private final Clock clock;

    private final H2 heading = new H2();
    private final ComboBox<TopicChoice> topic = new ComboBox<>();
    private final TextField title = new TextField();
    private final ComboBox<UnitRef> unit = new ComboBox<>();
    private final ComboBox<GroupChoice> group = new ComboBox<>();
    private final MultiSelectComboBox<PersonOption> lecturers = new MultiSelectComboBox<>();
    private final ComboBox<VenueChoice> venue = new ComboBox<>();
    private final TextField place = new TextField();
    private final DateTimePicker start = new DateTimePicker();
    private final DateTimePicker end = new DateTimePicker();
    private final IntegerField expected = new IntegerField();
    private final BigDecimalField hours = new BigDecimalField();
    private final AudienceFields audience;
    private final Div clashes = new Div();
    private final Button save = new Button();
    private final Button publish = new Button();
    private final Button cancelLecture = new Button();
    private final Button held = new Button();
    private final VerticalLayout content = new VerticalLayout();
    private final EmptyState unavailable = new EmptyState("lecture.schedule.form.unavailable", "lecture.schedule.form.unavailable-hint");
    private final UnsavedChanges changes;

    private LectureDetail detail;
    /** While the form is being filled from a lecture, the field listeners neither propose values nor ask for clashes. */
    private boolean filling;

    LectureFormView(LectureService lectures, LectureChoices choices, UnitService unitService, ReferenceDataService reference,
                    PersonService people, Clock clock) {
        this.lectures = lectures;
        this.clock = clock;
        this.choices = choices;
        this.units = unitService.visibleUnits();
        this.audience = new AudienceFields(this, "lecture-audience", reference, unitService, people);
        addClassName("tx-page");
        build();
        List<HasValue<?, ?>> watched = new ArrayList<>(List.<HasValue<?, ?>>of(topic, title, unit, group, lecturers, venue,
                place, start, end, expected, hours));
        watched.addAll(audience.fields());
        changes = UnsavedChanges.ofView(this, watched);
        unavailable.setId("lecture-form-unavailable");
        unavailable.setVisible(false);
        add(unavailable);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Long id = event.getRouteParameters().getLong(ID).orElse(null);
        detail = null;
        if (id != null) {
            try {
                if (!lectures.canManage(id)) {
                    throw new AccessDeniedException("not a manager of this lecture");
                }
                detail = lectures.get(id);
            } catch (AccessDeniedException | DomainException e) {
                content.setVisible(false);
                unavailable.setVisible(true);
                return;
            }
        }
        content.setVisible(true);
        unavailable.setVisible(false);
        fill();
    }

    private void build() {
        heading.setId("lecture-form-heading");
        heading.getStyle().set("margin", "0");

        topic.setLabel(getTranslation("lecture.schedule.field.topic"));
        topic.setItemLabelGenerator(TopicChoice::title);
        topic.setRequiredIndicatorVisible(true);
        topic.setId("lecture-topic");
        topic.addValueChangeListener(e -> {
            // A new topic proposes its title and hours, unless the organizer has typed their own.
            if (!filling && e.getValue() != null) {
                if (title.isEmpty() || (e.getOldValue() != null && title.getValue().equals(e.getOldValue().title()))) {
                    title.setValue(e.getValue().title());
                }
                hours.setValue(e.getValue().hours());
            }
        });

        title.setLabel(getTranslation("lecture.schedule.field.title"));
        title.setMaxLength(LectureData.TITLE_MAX);
        title.setRequired(true);
        title.setId("lecture-title");

        unit.setLabel(getTranslation("lecture.schedule.field.unit"));
        unit.setItems(units);
        unit.setItemLabelGenerator(UnitRef::name);
        unit.setRequiredIndicatorVisible(true);
        unit.setId("lecture-unit");

        group.setLabel(getTranslation("lecture.schedule.field.group"));
        group.setItemLabelGenerator(g -> g.name() + " · " + g.unitName());
        group.setClearButtonVisible(true);
        group.setId("lecture-group");
        group.addValueChangeListener(e -> {
            if (!filling && e.getValue() != null && lecturers.isEmpty()) {
                Set<Long> members = e.getValue().memberIds();
                lecturers.setValue(lecturerOptions().stream().filter(p -> members.contains(p.id())).collect(Collectors.toSet()));
            }
        });

        lecturers.setLabel(getTranslation("lecture.schedule.field.lecturers"));
        lecturers.setItemLabelGenerator(p -> p.person().text(getLocale(), p.unitName()));
        lecturers.setRequiredIndicatorVisible(true);
        lecturers.setId("lecture-lecturers");

        venue.setLabel(getTranslation("lecture.schedule.field.venue"));
        venue.setItemLabelGenerator(v -> getTranslation("lecture.schedule.venue.label", v.name(), v.capacity(), v.unitName()));
        venue.setClearButtonVisible(true);
        venue.setId("lecture-venue");

        place.setLabel(getTranslation("lecture.schedule.field.place"));
        place.setMaxLength(LectureData.PLACE_MAX);
        place.setHelperText(getTranslation("lecture.schedule.field.place-help"));
        place.setId("lecture-place");

        start.setLabel(getTranslation("lecture.schedule.field.start"));
        start.setRequiredIndicatorVisible(true);
        start.setStep(Duration.ofMinutes(15));
        start.setId("lecture-start");
        start.addValueChangeListener(e -> {
            // Moving the start moves the end with it, keeping the length.
            if (!filling && e.getValue() != null) {
                Duration length = e.getOldValue() != null && end.getValue() != null
                        ? Duration.between(e.getOldValue(), end.getValue()) : DEFAULT_LENGTH;
                if (length.isNegative() || length.isZero()) {
                    length = DEFAULT_LENGTH;
                }
                end.setValue(e.getValue().plus(length));
            }
        });
        end.setLabel(getTranslation("lecture.schedule.field.end"));
        end.setRequiredIndicatorVisible(true);
        end.setStep(Duration.ofMinutes(15));
        end.setId("lecture-end");

        expected.setLabel(getTranslation("lecture.schedule.field.expected"));
        expected.setMin(0);
        expected.setMax(100_000);
        expected.setId("lecture-expected");
        hours.setLabel(getTranslation("lecture.schedule.field.hours"));
        hours.setId("lecture-hours");

        clashes.setId("lecture-clashes");
        clashes.addClassNames("tx-banner", "tx-banner-warning");
        clashes.getElement().setAttribute("role", "alert");
        clashes.setWidthFull();
        clashes.setVisible(false);
        for (HasValue<?, ?> f : List.of(start, end, lecturers, venue)) {
            f.addValueChangeListener(e -> checkClashes());
        }

        FormLayout form = new FormLayout(topic, title, unit, group, lecturers, venue, place, start, end, expected, hours);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        form.setColspan(title, 2);
        form.setColspan(lecturers, 2);
        FormLayout audienceForm = new FormLayout(audience.components());
        audienceForm.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        audienceForm.setColspan(audience.named, 2);
        H4 audienceHeading = new H4(getTranslation("lecture.schedule.field.audience"));
        Span audienceHelp = new Span(getTranslation("lecture.schedule.field.audience-help"));
        audienceHelp.addClassName("tx-muted");

        save.setText(getTranslation("action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("lecture-save");
        save.addClickListener(e -> {
            Long saved = saveForm();
            if (saved != null) {
                Notices.success("lecture.schedule.saved");
                open(saved);
            }
        });
        publish.setText(getTranslation("lecture.schedule.save-publish"));
        publish.setIcon(VaadinIcon.ENVELOPES_O.create());
        publish.setId("lecture-publish");
        publish.addClickListener(e -> LectureActions.publish(title.getValue(), () -> {
            long saved = saveOrFail();
            changes.remember();
            lectures.publish(saved, detail.version());
        }, () -> open(detail.id())));
        cancelLecture.setText(getTranslation("lecture.schedule.cancel"));
        cancelLecture.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancelLecture.setId("lecture-cancel");
        cancelLecture.addClickListener(e -> LectureActions.cancel(lectures, detail, () -> {
            changes.remember();
            open(detail.id());
        }));
        held.setText(getTranslation("lecture.schedule.mark-held"));
        held.setId("lecture-held");
        held.addClickListener(e -> LectureActions.markHeld(lectures, detail, () -> {
            changes.remember();
            open(detail.id());
        }));
        Button back = new Button(getTranslation("lecture.schedule.back"), e -> {
            if (detail == null) {
                UI.getCurrent().navigate(LectureCalendarView.class);
            } else {
                open(detail.id());
            }
        });
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        back.setId("lecture-form-back");
        HorizontalLayout buttons = new HorizontalLayout(save, publish, held, cancelLecture, back);
        buttons.addClassName("tx-filters");

        content.setPadding(false);
        content.add(heading, form, clashes, audienceHeading, audienceHelp, audienceForm, buttons);
        content.setMaxWidth("960px");
        add(content);
    }

    private List<PersonOption> lecturerOptions;

    private List<PersonOption> lecturerOptions() {
        return lecturerOptions;
    }

    /** Fills the fields from the lecture (or with a new one's defaults) and offers what may be picked. */
    private void fill() {
        filling = true;
        try {
            LectureData d = detail == null ? null : detail.data();
            List<TopicChoice> topics = choices.topics(d == null ? null : d.topicId());
            topic.setItems(topics);
            lecturerOptions = choices.lecturers(d == null ? Set.of() : d.lecturerIds());
            lecturers.setItems(lecturerOptions);
            List<GroupChoice> groups = choices.groups(d == null ? null : d.groupId());
            group.setItems(groups);
            List<VenueChoice> venues = choices.venues(d == null ? null : d.venueId());
            venue.setItems(venues);
            if (d == null) {
                heading.setText(getTranslation("lecture.schedule.new"));
                long own = Callers.require().unitId();
                unit.setValue(units.stream().filter(u -> u.id() == own).findFirst().orElse(units.isEmpty() ? null : units.getFirst()));
                expected.setValue(0);
                hours.setValue(BigDecimal.valueOf(2));
                audience.setValue(cn.tongxin.people.Audience.NOBODY);
            } else {
                heading.setText(getTranslation("lecture.schedule.edit", d.title()));
                topic.setValue(topics.stream().filter(t -> t.id() == d.topicId()).findFirst().orElse(null));
                title.setValue(d.title());
                unit.setValue(units.stream().filter(u -> u.id() == d.unitId()).findFirst().orElse(null));
                group.setValue(groups.stream().filter(g -> Objects.equals(g.id(), d.groupId())).findFirst().orElse(null));
                lecturers.setValue(lecturerOptions.stream().filter(p -> d.lecturerIds().contains(p.id())).collect(Collectors.toSet()));
                venue.setValue(venues.stream().filter(v -> Objects.equals(v.id(), d.venueId())).findFirst().orElse(null));
                place.setValue(d.place() == null ? "" : d.place());
                start.setValue(LectureLook.local(d.startsAt()));
                end.setValue(LectureLook.local(d.endsAt()));
                expected.setValue(d.expectedCount());
                hours.setValue(d.hours());
                audience.setValue(d.audience());
            }
        } finally {
            filling = false;
        }
        LectureStatus status = detail == null ? null : detail.status();
        boolean editable = status == null || status == LectureStatus.PLANNED || status == LectureStatus.PUBLISHED;
        save.setEnabled(editable);
        publish.setVisible(status == null || status == LectureStatus.PLANNED);
        cancelLecture.setVisible(status == LectureStatus.PLANNED || status == LectureStatus.PUBLISHED);
        held.setVisible(status == LectureStatus.PUBLISHED && !detail.data().startsAt().isAfter(clock.instant()));
        checkClashes();
        changes.remember();
    }

    /** The lecture as the fields say it; what is missing stays empty (the service says what is required). */
    private LectureData data() {
        LectureData old = detail == null ? null : detail.data();
        return new LectureData(topic.getValue() == null ? 0 : topic.getValue().id(), title.getValue(),
                unit.getValue() == null ? 0 : unit.getValue().id(), group.getValue() == null ? null : group.getValue().id(),
                lecturers.getValue().stream().map(PersonOption::id).collect(Collectors.toSet()),
                venue.getValue() == null ? null : venue.getValue().id(), place.getValue(), LectureLook.instant(start.getValue()),
                LectureLook.instant(end.getValue()), expected.getValue() == null ? 0 : expected.getValue(),
                hours.getValue(), audience.getValue(),
                old == null ? LectureData.OPENS_BEFORE : old.opensBefore(), old == null ? LectureData.LATE_AFTER : old.lateAfter(),
                old == null ? LectureData.CLOSES_AFTER : old.closesAfter());
    }

    /** Asks what the lecture as it now stands would clash with, and says it in the warning box. */
    private void checkClashes() {
        if (filling) {
            return;
        }
        LectureData d = data();
        List<Clash> found = d.startsAt() == null || d.endsAt() == null || (d.lecturerIds().isEmpty() && d.venueId() == null)
                ? List.of() : lectures.clashes(d, detail == null ? null : detail.id());
        clashes.removeAll();
        clashes.setVisible(!found.isEmpty());
        if (found.isEmpty()) {
            return;
        }
        Div text = new Div();
        Span head = new Span(getTranslation("lecture.schedule.clash.title"));
        head.addClassName("tx-banner-title");
        text.add(head);
        for (Clash c : found) {
            // The other lecture's title is somebody's typed text: it goes in as text.
            Div line = new Div(new Span(getTranslation("lecture.schedule.clash." + c.kind(), c.who(), c.title(),
                    LectureLook.when(c.startsAt(), c.endsAt()))));
            line.addClassName("lecture-clash");
            text.add(line);
        }
        clashes.add(VaadinIcon.WARNING.create(), text);
    }

    /** Saves; the service's refusal is shown as a message and gives null. */
    private Long saveForm() {
        Long[] saved = new Long[1];
        if (Notices.attempt(() -> saved[0] = saveOrFail())) {
            changes.remember();
            return saved[0];
        }
        return null;
    }

    /** Creates or updates; afterwards the form holds the saved lecture (a second try updates, never creates twice). */
    private long saveOrFail() {
        LectureData d = data();
        long id;
        if (detail == null) {
            id = lectures.create(d);
        } else {
            id = detail.id();
            if (changes.changed()) {
                lectures.update(id, detail.version(), d);
            }
        }
        detail = lectures.get(id);
        return id;
    }

    private void open(long id) {
        UI.getCurrent().navigate(LectureView.class, new RouteParameters(LectureView.ID, String.valueOf(id)));
    }

    @Override
    public String getPageTitle() {
        return detail == null ? getTranslation("lecture.schedule.new") : detail.data().title();
    }
}
