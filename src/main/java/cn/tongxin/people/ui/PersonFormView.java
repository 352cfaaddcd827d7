package cn.tongxin.people.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.people.Gender;
import cn.tongxin.people.InvalidPersonException;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonDetail;
import cn.tongxin.people.PersonRules;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.text.DateFormatSymbols;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A new person, or a change to one. Every field is checked as it is typed with the same
 * {@link PersonRules} the service and the roster import use; the service's verdict on save is shown
 * on the fields too. Editing shows the identity number masked: left as it is, it is kept.
 */
@Route("people/new")
@RouteAlias("people/:" + PersonFormView.ID + "([0-9]{1,18})/edit")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class PersonFormView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ID = "id";
    /** Room for an 18-character number typed with spaces. */
    static final int ID_CARD_INPUT_MAX = 24;

    private final PersonService people;
    private final Clock clock;
    private final List<UnitRef> units;
    private final List<ReferenceItem> sectorItems;
    private final List<ReferenceItem> partyItems;

    private final TextField name = new TextField();
    private final RadioButtonGroup<Gender> gender = new RadioButtonGroup<>();
    private final TextField ethnicity = new TextField();
    private final DatePicker birthDate = new DatePicker();
    private final TextField idCard = new TextField();
    private final TextField phone = new TextField();
    private final TextField email = new TextField();
    private final ComboBox<UnitRef> unit;
    private final MultiSelectComboBox<ReferenceItem> sectors = new MultiSelectComboBox<>();
    private final ComboBox<ReferenceItem> party = new ComboBox<>();
    private final TextField position = new TextField();
    private final Checkbox representative = new Checkbox();
    private final RadioButtonGroup<PersonStatus> status = new RadioButtonGroup<>();
    private final Binder<Form> binder = new Binder<>();
    private final Map<String, HasValidation> fieldsByRule = new HashMap<>();
    private final VerticalLayout content = new VerticalLayout();
    private final EmptyState notFound = new EmptyState("person.detail.unavailable", "person.detail.unavailable-hint");
    /** Leaving with changes not saved (another page, 取消, the browser's back) asks first. */
    private UnsavedChanges changes;

    private Long personId;
    private int version;
    /** The masked number the form was opened with: sent back unchanged, the service keeps the real one. */
    private String maskedIdCard;

    PersonFormView(PersonService people, UnitService unitService, ReferenceDataService reference, Clock clock) {
        this.people = people;
        this.clock = clock;
        this.units = unitService.visibleUnits();
        this.sectorItems = reference.sectors().stream().filter(ReferenceItem::active).toList();
        this.partyItems = reference.parties().stream().filter(ReferenceItem::active).toList();
        this.unit = UnitPicker.create(getTranslation("person.field.unit"), units);
        addClassName("tx-page");
        build();
        notFound.setId("person-unavailable");
        notFound.setVisible(false);
        add(notFound);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        personId = event.getRouteParameters().getLong(ID).orElse(null);
        Form form = new Form();
        if (personId != null) {
            PersonDetail detail;
            try {
                detail = people.get(personId);
            } catch (AccessDeniedException | DomainException e) {
                content.setVisible(false);
                notFound.setVisible(true);
                return;
            }
            version = detail.version();
            maskedIdCard = detail.maskedIdCard();
            form = Form.of(detail.data(), units, sectorItems, partyItems);
        } else {
            maskedIdCard = null;
            form.status = PersonStatus.ACTIVE;
        }
        content.setVisible(true);
        notFound.setVisible(false);
        idCard.setHelperText(getTranslation(personId == null ? "person.form.id-card-hint" : "person.form.id-card-keep"));
        binder.readBean(form);
        changes.remember();
    }

    private void build() {
        name.setLabel(getTranslation("person.field.name"));
        name.setMaxLength(PersonData.NAME_MAX);
        name.setRequiredIndicatorVisible(true);
        name.setId("person-form-name");

        gender.setLabel(getTranslation("person.field.gender"));
        gender.setItems(Gender.values());
        gender.setItemLabelGenerator(g -> getTranslation("person.gender." + g.name()));
        gender.setRequiredIndicatorVisible(true);
        gender.setId("person-form-gender");

        ethnicity.setLabel(getTranslation("person.field.ethnicity"));
        ethnicity.setMaxLength(PersonData.ETHNICITY_MAX);
        ethnicity.setId("person-form-ethnicity");

        birthDate.setLabel(getTranslation("person.field.birth-date"));
        birthDate.setMax(LocalDate.now(clock));
        birthDate.setMin(LocalDate.of(1900, 1, 1));
        birthDate.setInitialPosition(LocalDate.of(1975, 1, 1));
        birthDate.setId("person-form-birth-date");
        birthDate.setI18n(datePickerI18n());

        idCard.setLabel(getTranslation("person.field.id-card"));
        idCard.setMaxLength(ID_CARD_INPUT_MAX);
        idCard.setId("person-form-id-card");

        phone.setLabel(getTranslation("person.field.phone"));
        phone.setMaxLength(PersonData.PHONE_MAX);
        phone.setId("person-form-phone");

        email.setLabel(getTranslation("person.field.email"));
        email.setMaxLength(PersonData.EMAIL_MAX);
        email.setId("person-form-email");

        unit.setRequiredIndicatorVisible(true);
        unit.setId("person-form-unit");

        sectors.setLabel(getTranslation("person.field.sectors"));
        sectors.setItems(sectorItems);
        sectors.setItemLabelGenerator(ReferenceItem::name);
        sectors.setRequiredIndicatorVisible(true);
        sectors.setId("person-form-sectors");

        party.setLabel(getTranslation("person.field.party"));
        party.setItems(partyItems);
        party.setItemLabelGenerator(p -> p.label().equals(p.name()) ? p.name() : p.name() + "（" + p.label() + "）");
        party.setClearButtonVisible(true);
        party.setId("person-form-party");

        position.setLabel(getTranslation("person.field.position"));
        position.setMaxLength(PersonData.POSITION_MAX);
        position.setId("person-form-position");

        representative.setLabel(getTranslation("person.field.representative"));
        representative.setId("person-form-representative");

        status.setLabel(getTranslation("person.field.status"));
        status.setItems(PersonStatus.values());
        status.setItemLabelGenerator(s -> getTranslation("person.status." + s.name()));
        status.setId("person-form-status");

        bind(name, PersonRules.NAME, Form::getName, Form::setName);
        bind(gender, PersonRules.GENDER, Form::getGender, Form::setGender);
        bind(ethnicity, PersonRules.ETHNICITY, Form::getEthnicity, Form::setEthnicity);
        bind(birthDate, PersonRules.BIRTH_DATE, Form::getBirthDate, Form::setBirthDate);
        Binder.Binding<Form, String> idBinding = bind(idCard, PersonRules.ID_CARD, Form::getIdCard, Form::setIdCard);
        bind(phone, PersonRules.PHONE, Form::getPhone, Form::setPhone);
        bind(email, PersonRules.EMAIL, Form::getEmail, Form::setEmail);
        bind(unit, PersonRules.UNIT, Form::getUnit, Form::setUnit);
        bind(sectors, PersonRules.SECTORS, Form::getSectors, Form::setSectors);
        bind(position, PersonRules.POSITION, Form::getPosition, Form::setPosition);
        binder.forField(party).bind(Form::getParty, Form::setParty);
        binder.forField(representative).bind(Form::isRepresentative, Form::setRepresentative);
        binder.forField(status).bind(Form::getStatus, Form::setStatus);
        changes = UnsavedChanges.ofView(this, binder.getFields().toList());
        // The number must agree with the birth date and gender: check it again when they change.
        gender.addValueChangeListener(e -> {
            if (!idCard.isEmpty()) {
                idBinding.validate();
            }
        });
        birthDate.addValueChangeListener(e -> {
            if (!idCard.isEmpty()) {
                idBinding.validate();
            }
        });

        FormLayout layout = new FormLayout();
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("520px", 2));
        layout.add(name, gender, idCard, birthDate, ethnicity, phone, email, unit, party, position);
        layout.add(sectors, 2);
        layout.add(representative, status);

        Button save = new Button(getTranslation("action.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("person-form-save");
        Button cancel = new Button(getTranslation("action.cancel"), e -> leave(personId));
        cancel.setId("person-form-cancel");
        HorizontalLayout buttons = new HorizontalLayout(save, cancel);
        buttons.addClassName("tx-filters");
        content.add(layout, buttons);
        content.setPadding(false);
        content.setMaxWidth("960px");
        add(content);
    }

    /** Month and weekday names in the reader's language, dates as 1975-03-08 (as the record shows them). */
    private DatePicker.DatePickerI18n datePickerI18n() {
        DateFormatSymbols symbols = DateFormatSymbols.getInstance(getLocale());
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setMonthNames(List.of(symbols.getMonths()).subList(0, 12));
        i18n.setWeekdays(List.of(symbols.getWeekdays()).subList(1, 8));
        i18n.setWeekdaysShort(List.of(symbols.getShortWeekdays()).subList(1, 8));
        i18n.setFirstDayOfWeek(1);
        i18n.setToday(getTranslation("person.form.today"));
        i18n.setCancel(getTranslation("action.cancel"));
        i18n.setDateFormat("yyyy-MM-dd");
        return i18n;
    }

    private <V> Binder.Binding<Form, V> bind(com.vaadin.flow.component.HasValue<?, V> field, String rule,
                                             com.vaadin.flow.function.ValueProvider<Form, V> getter,
                                             com.vaadin.flow.data.binder.Setter<Form, V> setter) {
        fieldsByRule.put(rule, (HasValidation) field);
        return binder.forField(field).withValidator(rule(rule)).bind(getter, setter);
    }

    /** A field's check: the whole form through {@link PersonRules}, this field's verdict. */
    private <V> Validator<V> rule(String field) {
        return (value, context) -> {
            String key = PersonRules.check(currentData(true), LocalDate.now(clock)).get(field);
            return key == null ? ValidationResult.ok() : ValidationResult.error(getTranslation(key));
        };
    }

    /**
     * What the form says now. For checking on screen an unchanged masked number counts as absent
     * (the service checks the real one); for saving it is sent as it is.
     */
    private PersonData currentData(boolean forChecking) {
        String number = idCard.getValue();
        boolean unchangedMask = maskedIdCard != null && !maskedIdCard.isEmpty() && Objects.equals(number, maskedIdCard);
        if (forChecking && unchangedMask) {
            number = null;
        }
        PersonData data = new PersonData(name.getValue(), gender.getValue(), ethnicity.getValue(), birthDate.getValue(),
                number, phone.getValue(), email.getValue(), unit.getValue() == null ? null : unit.getValue().id(),
                party.getValue() == null ? null : party.getValue().id(),
                sectors.getValue().stream().map(ReferenceItem::id).collect(Collectors.toSet()),
                position.getValue(), representative.getValue(), status.getValue());
        return forChecking ? data.normalized() : data;
    }

    private void save() {
        if (!binder.validate().isOk()) {
            Notices.error("person.form.fix-errors");
            return;
        }
        PersonData data = currentData(false);
        Notices.attempt(() -> {
            try {
                long id;
                if (personId == null) {
                    id = people.create(data);
                } else {
                    people.update(personId, version, data);
                    id = personId;
                }
                Notices.success("person.saved", data.normalized().name());
                changes.remember();
                leave(id);
            } catch (InvalidPersonException e) {
                e.fieldErrors().forEach((field, key) -> {
                    HasValidation component = fieldsByRule.get(field);
                    if (component != null) {
                        component.setErrorMessage(getTranslation(key));
                        component.setInvalid(true);
                    }
                });
                throw e;
            }
        });
    }

    private void leave(Long id) {
        if (id == null) {
            UI.getCurrent().navigate(PeopleListView.class);
        } else {
            UI.getCurrent().navigate(PersonDetailView.class, new RouteParameters(PersonDetailView.ID, String.valueOf(id)));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation(personId == null ? "person.form.new-title" : "person.form.edit-title");
    }

    /** The form's state for the binder. */
    static final class Form {
        private String name;
        private Gender gender;
        private String ethnicity;
        private LocalDate birthDate;
        private String idCard;
        private String phone;
        private String email;
        private UnitRef unit;
        private Set<ReferenceItem> sectors = new HashSet<>();
        private ReferenceItem party;
        private String position;
        private boolean representative;
        private PersonStatus status;

        static Form of(PersonData d, List<UnitRef> units, List<ReferenceItem> sectorItems, List<ReferenceItem> partyItems) {
            Form f = new Form();
            f.name = d.name();
            f.gender = d.gender();
            f.ethnicity = d.ethnicity();
            f.birthDate = d.birthDate();
            f.idCard = d.idCard();
            f.phone = d.phone();
            f.email = d.email();
            f.unit = units.stream().filter(u -> Objects.equals(u.id(), d.unitId())).findFirst().orElse(null);
            f.sectors = sectorItems.stream().filter(s -> d.sectorIds().contains(s.id())).collect(Collectors.toSet());
            f.party = partyItems.stream().filter(p -> Objects.equals(p.id(), d.partyId())).findFirst().orElse(null);
            f.position = d.position();
            f.representative = d.representative();
            f.status = d.status();
            return f;
        }

        String getName() { return name == null ? "" : name; }
        void setName(String v) { name = v; }
        Gender getGender() { return gender; }
        void setGender(Gender v) { gender = v; }
        String getEthnicity() { return ethnicity == null ? "" : ethnicity; }
        void setEthnicity(String v) { ethnicity = v; }
        LocalDate getBirthDate() { return birthDate; }
        void setBirthDate(LocalDate v) { birthDate = v; }
        String getIdCard() { return idCard == null ? "" : idCard; }
        void setIdCard(String v) { idCard = v; }
        String getPhone() { return phone == null ? "" : phone; }
        void setPhone(String v) { phone = v; }
        String getEmail() { return email == null ? "" : email; }
        void setEmail(String v) { email = v; }
        UnitRef getUnit() { return unit; }
        void setUnit(UnitRef v) { unit = v; }
        Set<ReferenceItem> getSectors() { return sectors; }
        void setSectors(Set<ReferenceItem> v) { sectors = v; }
        ReferenceItem getParty() { return party; }
        void setParty(ReferenceItem v) { party = v; }
        String getPosition() { return position == null ? "" : position; }
        void setPosition(String v) { position = v; }
        boolean isRepresentative() { return representative; }
        void setRepresentative(boolean v) { representative = v; }
        PersonStatus getStatus() { return status; }
        void setStatus(PersonStatus v) { status = v; }
    }
}
