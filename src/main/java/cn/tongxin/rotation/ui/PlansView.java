package cn.tongxin.rotation.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.rotation.PlanData;
import cn.tongxin.rotation.PlanDetail;
import cn.tongxin.rotation.PlanRow;
import cn.tongxin.rotation.Requirement;
import cn.tongxin.people.Audience;
import cn.tongxin.people.ui.AudienceFields;
import com.vaadin.flow.component.HasValue;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Rotation plans: the cycle, the population (live criteria) and the requirement; organizers create and edit. */
@Route("rotation/plans")
@Menu(title = "nav.rotation.plans", order = 20, icon = "vaadin:calendar-clock")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER})
class PlansView extends VerticalLayout implements HasDynamicTitle {

    private final RotationService rotation;
    private final UnitService units;
    private final ReferenceDataService reference;
    private final PersonService people;
    private final Grid<PlanRow> grid = new Grid<>();
    private final boolean organizer;

    PlansView(RotationService rotation, UnitService units, ReferenceDataService reference, PersonService people) {
        this.people = people;
        this.rotation = rotation;
        this.units = units;
        this.reference = reference;
        this.organizer = Callers.require().has(Roles.ORGANIZER) || Callers.require().isAdmin();
        addClassName("tx-page");
        setSizeFull();
        Button create = new Button(getTranslation("rotation.plan.new"), e -> edit(null));
        create.setId("plan-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(organizer);
        add(new HorizontalLayout(create));
        grid.setId("plans-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(PlanRow::name).setHeader(getTranslation("rotation.plan.name")).setFlexGrow(3);
        grid.addColumn(p -> p.cycleStart() + " – " + p.cycleEnd()).setHeader(getTranslation("rotation.plan.cycle")).setAutoWidth(true);
        grid.addColumn(PlanRow::unitName).setHeader(getTranslation("rotation.unit")).setAutoWidth(true);
        grid.addColumn(this::requirement).setHeader(getTranslation("rotation.plan.requirement")).setAutoWidth(true);
        grid.addColumn(PlanRow::classCount).setHeader(getTranslation("rotation.plan.classes")).setAutoWidth(true);
        grid.addComponentColumn(p -> new Anchor("rotation/coverage/" + p.id(), getTranslation("rotation.coverage.open")))
                .setAutoWidth(true);
        if (organizer) {
            grid.addItemClickListener(e -> edit(e.getItem().id()));
        }
        add(content);
        content.setWidthFull();
        refresh();
    }

    private final com.vaadin.flow.component.html.Div content = new com.vaadin.flow.component.html.Div();

    private void refresh() {
        List<PlanRow> plans = rotation.plans();
        grid.setItems(plans);
        content.removeAll();
        content.add(plans.isEmpty() ? new EmptyState("rotation.plan.empty", "rotation.plan.empty-hint") : grid);
    }

    private String requirement(PlanRow p) {
        return p.requirement() == Requirement.CLASS ? getTranslation("rotation.requirement.CLASS.text", p.minDays())
                : getTranslation("rotation.requirement.HOURS.text", p.minHours());
    }

    private void edit(Long id) {
        PlanDetail current = id == null ? null : rotation.plan(id);
        Dialog dialog = new Dialog(getTranslation(id == null ? "rotation.plan.new" : "rotation.plan.edit"));
        dialog.setWidth("min(720px, 100vw)");
        TextField name = new TextField(getTranslation("rotation.plan.name"));
        name.setId("plan-name");
        name.setMaxLength(PlanData.NAME_MAX);
        name.setRequired(true);
        List<UnitRef> visible = units.visibleUnits();
        ComboBox<UnitRef> unit = new ComboBox<>(getTranslation("rotation.unit"), visible);
        unit.setId("plan-unit");
        unit.setItemLabelGenerator(UnitRef::name);
        DatePicker start = new DatePicker(getTranslation("rotation.plan.cycle-start"));
        start.setId("plan-start");
        DatePicker end = new DatePicker(getTranslation("rotation.plan.cycle-end"));
        end.setId("plan-end");
        Select<Requirement> requirement = new Select<>();
        requirement.setLabel(getTranslation("rotation.plan.requirement"));
        requirement.setItems(Requirement.values());
        requirement.setItemLabelGenerator(r -> getTranslation("rotation.requirement." + r));
        requirement.setId("plan-requirement");
        IntegerField days = new IntegerField(getTranslation("rotation.plan.min-days"));
        days.setId("plan-min-days");
        days.setMin(1);
        BigDecimalField hours = new BigDecimalField(getTranslation("rotation.plan.min-hours"));
        hours.setId("plan-min-hours");
        AudienceFields population = new AudienceFields(this, "plan", reference, units, people);
        if (current != null) {
            PlanData d = current.data();
            name.setValue(d.name());
            visible.stream().filter(u -> u.id() == d.unitId()).findFirst().ifPresent(unit::setValue);
            start.setValue(d.cycleStart());
            end.setValue(d.cycleEnd());
            requirement.setValue(d.requirement());
            days.setValue(d.minDays());
            hours.setValue(d.minHours());
            population.setValue(d.audience());
        } else {
            unit.setValue(visible.isEmpty() ? null : visible.getFirst());
            requirement.setValue(Requirement.CLASS);
            days.setValue(3);
        }
        FormLayout form = new FormLayout(name, unit, start, end, requirement, days, hours);
        form.add(population.components());
        form.setColspan(population.named, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        form.setColspan(name, 2);
        dialog.add(form);
        List<HasValue<?, ?>> watched = new java.util.ArrayList<>();
        watched.addAll(List.of(name, unit, start, end, requirement, days, hours));
        watched.addAll(population.fields());
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, watched);
        Button save = new Button(getTranslation("action.save"), e -> {
            Audience a = population.getValue();
            PlanData data = new PlanData(name.getValue(), unit.getValue() == null ? 0 : unit.getValue().id(), start.getValue(),
                    end.getValue(), requirement.getValue(), days.getValue() == null ? 1 : days.getValue(), hours.getValue(),
                    a.sectorIds(), a.partyIds(), a.unitIds(), a.representativeOnly(), a.personIds());
            if (Notices.attempt(() -> {
                if (current == null) {
                    rotation.createPlan(data);
                } else {
                    rotation.updatePlan(current.id(), current.version(), data);
                }
            })) {
                Notices.success("rotation.saved");
                changes.closeSaved();
                refresh();
            }
        });
        save.setId("plan-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("plan-cancel");
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }


    @Override
    public String getPageTitle() {
        return getTranslation("nav.rotation.plans");
    }
}
