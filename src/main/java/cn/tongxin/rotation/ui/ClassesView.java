package cn.tongxin.rotation.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.people.UnitService;
import cn.tongxin.rotation.ClassRow;
import cn.tongxin.rotation.ClassStatus;
import cn.tongxin.rotation.PlanRow;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The classes (培训班) the caller manages or holds seats in, newest first; organizers create new ones. */
@Route("rotation/classes")
@Menu(title = "nav.rotation.classes", order = 21, icon = "vaadin:academy-cap")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER})
class ClassesView extends VerticalLayout implements HasDynamicTitle {

    private final Grid<ClassRow> grid = new Grid<>();

    ClassesView(RotationService rotation, UnitService units) {
        addClassName("tx-page");
        setSizeFull();
        ComboBox<PlanRow> plan = new ComboBox<>(getTranslation("rotation.plan"), rotation.plans());
        plan.setItemLabelGenerator(PlanRow::name);
        plan.setClearButtonVisible(true);
        plan.setId("classes-plan");
        plan.setWidth("min(420px, 100%)");
        Select<ClassStatus> status = new Select<>();
        status.setLabel(getTranslation("rotation.class.status"));
        status.setItems(ClassStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setItemLabelGenerator(s -> s == null ? getTranslation("rotation.all") : getTranslation("rotation.status." + s));
        Button create = new Button(getTranslation("rotation.class.new"), e -> new ClassDialog(null, units.visibleUnits(),
                rotation.plans(), data -> {
            long id = rotation.createClass(data);
            getUI().ifPresent(ui -> ui.navigate(ClassView.class, id));
        }).open());
        create.setId("class-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(Callers.require().has(Roles.ORGANIZER) || Callers.require().isAdmin());
        HorizontalLayout filters = new HorizontalLayout(plan, status, create);
        filters.addClassName("tx-filters");
        add(filters);
        grid.setId("classes-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ClassRow::title).setHeader(getTranslation("rotation.class.title")).setFlexGrow(3);
        grid.addColumn(c -> c.startDate() + " – " + c.endDate()).setHeader(getTranslation("rotation.class.dates")).setAutoWidth(true);
        grid.addColumn(ClassRow::unitName).setHeader(getTranslation("rotation.class.unit")).setAutoWidth(true)
                ;
        grid.addColumn(c -> c.enrolled() + " / " + c.capacity()).setHeader(getTranslation("rotation.class.seats")).setAutoWidth(true);
        grid.addComponentColumn(c -> badge(c.status())).setHeader(getTranslation("rotation.class.status")).setAutoWidth(true);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ClassView.class, e.getItem().id())));
        Runnable load = () -> {
            Long planId = plan.getValue() == null ? null : plan.getValue().id();
            grid.setItems(q -> rotation.classes(planId, status.getValue(), q.getOffset(), q.getLimit()).items().stream(),
                    q -> (int) rotation.classes(planId, status.getValue(), 0, 1).total());
        };
        plan.addValueChangeListener(e -> load.run());
        status.addValueChangeListener(e -> load.run());
        load.run();
        add(grid);
        Notices.class.getName();
    }

    static Span badge(ClassStatus s) {
        Span badge = new Span(com.vaadin.flow.component.UI.getCurrent().getTranslation("rotation.status." + s));
        badge.getElement().getThemeList().add("badge" + switch (s) {
            case DRAFT -> " contrast";
            case PUBLISHED -> "";
            case IN_PROGRESS -> " success";
            case CLOSED -> " contrast small";
        });
        return badge;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.rotation.classes");
    }
}
