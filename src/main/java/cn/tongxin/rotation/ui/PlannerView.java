package cn.tongxin.rotation.ui;

import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.rotation.ClassRow;
import cn.tongxin.rotation.FillResult;
import cn.tongxin.rotation.Placement;
import cn.tongxin.rotation.PlannerProposal;
import cn.tongxin.rotation.PlannerService;
import cn.tongxin.rotation.PlanRow;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.rotation.Shortfall;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The planner: for a plan and some upcoming classes, who goes where; adjust, then apply in one step. */
@Route("rotation/planner")
@Menu(title = "nav.rotation.planner", order = 22, icon = "vaadin:sitemap")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class PlannerView extends VerticalLayout implements HasDynamicTitle {

    private final PlannerService planner;
    private final ComboBox<PlanRow> plan = new ComboBox<>();
    private final MultiSelectComboBox<ClassRow> classes = new MultiSelectComboBox<>();
    private final Div explanation = new Div();
    private final Grid<Placement> grid = new Grid<>();
    private final List<Placement> placements = new ArrayList<>();
    private final Button apply = new Button();

    PlannerView(RotationService rotation, PlannerService planner) {
        this.planner = planner;
        addClassName("tx-page");
        setWidthFull();
        plan.setLabel(getTranslation("rotation.plan"));
        plan.setItems(rotation.plans());
        plan.setItemLabelGenerator(PlanRow::name);
        plan.setId("planner-plan");
        plan.setWidth("min(460px, 100%)");
        classes.setLabel(getTranslation("rotation.planner.classes"));
        classes.setItemLabelGenerator(c -> c.title() + "（" + c.startDate() + "，" + (c.capacity() - c.enrolled()) + "）");
        classes.setId("planner-classes");
        classes.setWidth("min(560px, 100%)");
        plan.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                List<ClassRow> upcoming = planner.upcomingClasses(e.getValue().id());
                classes.setItems(upcoming);
                classes.setValue(new java.util.HashSet<>(upcoming));
            }
        });
        Button propose = new Button(getTranslation("rotation.planner.propose"), VaadinIcon.MAGIC.create(), e -> propose());
        propose.setId("planner-propose");
        propose.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout bar = new HorizontalLayout(plan, classes, propose);
        bar.addClassName("tx-filters");
        apply.setText(getTranslation("rotation.planner.apply"));
        apply.setId("planner-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
        apply.setEnabled(false);
        apply.addClickListener(e -> confirmApply());
        explanation.setId("planner-explanation");
        explanation.setWidthFull();
        grid.setId("planner-grid");
        grid.setHeight("60vh");
        add(bar, explanation, apply, grid);
        if (rotation.plans().isEmpty()) {
            add(new EmptyState("rotation.plan.empty", "rotation.plan.empty-hint"));
        }
    }

    /** Applying enrolls everyone placed, and mails those placed in published classes: say so, with the numbers, and ask. */
    private void confirmApply() {
        List<Placement> chosen = List.copyOf(placements);
        Map<Long, ClassRow> byId = classes.getValue().stream().collect(Collectors.toMap(ClassRow::id, Function.identity()));
        long mailed = chosen.stream().filter(p -> byId.containsKey(p.classId())
                && byId.get(p.classId()).status() == cn.tongxin.rotation.ClassStatus.PUBLISHED).count();
        long classCount = chosen.stream().map(Placement::classId).distinct().count();
        Confirm.ask(getTranslation("rotation.confirm.planner.title"),
                getTranslation("rotation.confirm.planner.message", chosen.size(), classCount, mailed),
                getTranslation("rotation.planner.apply"), false, () -> {
                    FillResult r = planner.apply(chosen);
                    Notices.success("rotation.planner.applied", r.enrolled(), r.conflicting() + r.full() + r.alreadyIn());
                    placements.clear();
                    grid.setItems(placements);
                    apply.setEnabled(false);
                    explanation.removeAll();
                });
    }

    private void propose() {
        if (plan.getValue() == null) {
            return;
        }
        Notices.attempt(() -> {
            PlannerProposal p = planner.propose(plan.getValue().id(), classes.getValue().stream().map(ClassRow::id).toList());
            placements.clear();
            placements.addAll(p.placements());
            showProposal(p);
        });
    }

    private void showProposal(PlannerProposal p) {
        explanation.removeAll();
        explanation.addClassName("tx-card");
        Span summary = new Span(getTranslation("rotation.planner.summary", p.candidates(), p.placements().size(), p.unplaced()));
        summary.setId("planner-summary");
        explanation.add(new Div(summary));
        for (Shortfall s : p.reasons()) {
            Div reason = new Div(new Span(getTranslation(s.key(), s.argArray())));
            reason.addClassName("tx-error-list");
            explanation.add(reason);
        }
        Map<Long, ClassRow> byId = classes.getValue().stream().collect(Collectors.toMap(ClassRow::id, Function.identity()));
        grid.removeAllColumns();
        grid.addColumn(Placement::personName).setHeader(getTranslation("rotation.person.name")).setAutoWidth(true);
        grid.addColumn(Placement::unitName).setHeader(getTranslation("rotation.person.unit")).setAutoWidth(true);
        grid.addColumn(Placement::sectorName).setHeader(getTranslation("rotation.person.sectors")).setAutoWidth(true);
        grid.addComponentColumn(pl -> {
            Select<ClassRow> move = new Select<>();
            move.setItems(byId.values());
            move.setItemLabelGenerator(ClassRow::title);
            move.setValue(byId.get(pl.classId()));
            move.addValueChangeListener(e -> {
                int i = placements.indexOf(pl);
                if (i >= 0 && e.getValue() != null) {
                    placements.set(i, pl.inClass(e.getValue().id(), e.getValue().title()));
                }
            });
            return move;
        }).setHeader(getTranslation("rotation.planner.class")).setAutoWidth(true);
        NarrowScreen.keepInSight(grid.addComponentColumn(pl -> {
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
                placements.remove(pl);
                grid.setItems(placements);
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.setAriaLabel(getTranslation("rotation.delete"));
            return remove;
        }));
        grid.setItems(placements);
        apply.setEnabled(!placements.isEmpty());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.rotation.planner");
    }
}
