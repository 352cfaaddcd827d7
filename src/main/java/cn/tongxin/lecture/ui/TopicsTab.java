package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.TopicData;
import cn.tongxin.lecture.TopicRow;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The topics (宣讲主题): title, summary, the period in which each is current, its lecture menu, and its materials. */
class TopicsTab extends VerticalLayout {

    private final LectureCatalogue catalogue;
    private final UnitService units;
    private final Grid<TopicRow> grid = new Grid<>();
    private final Div content = new Div();
    private final Checkbox currentOnly = new Checkbox();

    TopicsTab(LectureCatalogue catalogue, UnitService units) {
        this.catalogue = catalogue;
        this.units = units;
        setPadding(false);
        Button create = new Button(getTranslation("lecture.catalogue.topic.new"), VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("topic-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        currentOnly.setLabel(getTranslation("lecture.catalogue.topic.current-only"));
        currentOnly.setId("topic-current-only");
        currentOnly.addValueChangeListener(e -> refresh());
        HorizontalLayout bar = new HorizontalLayout(create, currentOnly);
        bar.setAlignItems(Alignment.BASELINE);
        grid.setId("topics-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(TopicRow::title).setHeader(getTranslation("lecture.catalogue.topic.title")).setFlexGrow(2);
        grid.addColumn(TopicRow::summary).setHeader(getTranslation("lecture.catalogue.topic.summary")).setFlexGrow(3);
        grid.addColumn(TopicRow::unitName).setHeader(getTranslation("lecture.catalogue.unit")).setFlexGrow(1);
        grid.addColumn(t -> getTranslation("lecture.catalogue.topic.period-text", t.currentFrom().toString(), t.currentTo().toString()))
                .setHeader(getTranslation("lecture.catalogue.topic.period")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> getTranslation(t.menuOpen() ? "lecture.catalogue.topic.menu-open.yes" : "lecture.catalogue.topic.menu-open.no"))
                .setHeader(getTranslation("lecture.catalogue.topic.menu")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(t -> {
            Button materials = new Button(getTranslation("lecture.catalogue.topic.materials-count", t.materialCount()),
                    VaadinIcon.FILE_TEXT_O.create(), e -> new MaterialsDialog(catalogue, t, this::refresh).open());
            materials.setId("topic-materials-" + t.id());
            materials.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return materials;
        }).setHeader(getTranslation("lecture.catalogue.topic.materials")).setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(e -> {
            if (e.getItem().manageable()) {
                edit(e.getItem());
            }
        });
        content.setWidthFull();
        add(bar, content);
        refresh();
    }

    private void refresh() {
        List<TopicRow> rows = catalogue.topics(currentOnly.getValue());
        grid.setItems(rows);
        content.removeAll();
        content.add(rows.isEmpty() ? new EmptyState("lecture.catalogue.topic.empty", "lecture.catalogue.topic.empty-hint") : grid);
    }

    private void edit(TopicRow current) {
        Dialog dialog = new Dialog(getTranslation(current == null ? "lecture.catalogue.topic.new" : "lecture.catalogue.topic.edit"));
        dialog.setWidth("min(720px, 100vw)");
        TextField title = new TextField(getTranslation("lecture.catalogue.topic.title"));
        title.setId("topic-title");
        title.setMaxLength(TopicData.TITLE_MAX);
        title.setRequired(true);
        TextArea summary = new TextArea(getTranslation("lecture.catalogue.topic.summary"));
        summary.setId("topic-summary");
        summary.setMaxLength(TopicData.SUMMARY_MAX);
        List<UnitRef> managed = units.visibleUnits();
        ComboBox<UnitRef> unit = new ComboBox<>(getTranslation("lecture.catalogue.unit"), managed);
        unit.setId("topic-unit");
        unit.setItemLabelGenerator(UnitRef::name);
        DatePicker from = new DatePicker(getTranslation("lecture.catalogue.topic.from"));
        from.setId("topic-from");
        DatePicker to = new DatePicker(getTranslation("lecture.catalogue.topic.to"));
        to.setId("topic-to");
        BigDecimalField hours = new BigDecimalField(getTranslation("lecture.catalogue.topic.hours"));
        hours.setId("topic-hours");
        Checkbox menuOpen = new Checkbox(getTranslation("lecture.catalogue.topic.menu-open"));
        menuOpen.setId("topic-menu-open");
        menuOpen.setTooltipText(getTranslation("lecture.catalogue.topic.menu-open-help"));
        if (current != null) {
            title.setValue(current.title());
            summary.setValue(current.summary() == null ? "" : current.summary());
            managed.stream().filter(u -> u.id() == current.unitId()).findFirst().ifPresent(unit::setValue);
            from.setValue(current.currentFrom());
            to.setValue(current.currentTo());
            hours.setValue(current.hours());
            menuOpen.setValue(current.menuOpen());
        } else {
            if (!managed.isEmpty()) {
                unit.setValue(managed.getFirst());
            }
            from.setValue(LocalDate.now());
            hours.setValue(BigDecimal.valueOf(2));
        }
        FormLayout form = new FormLayout(title, summary, unit, hours, from, to, menuOpen);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        form.setColspan(title, 2);
        form.setColspan(summary, 2);
        form.setColspan(menuOpen, 2);
        dialog.add(form);
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, title, summary, unit, hours, from, to, menuOpen);
        Button save = new Button(getTranslation("action.save"), e -> {
            TopicData data = new TopicData(title.getValue(), summary.getValue(), unit.getValue() == null ? 0 : unit.getValue().id(),
                    from.getValue(), to.getValue(), menuOpen.getValue(), hours.getValue());
            if (Notices.attempt(() -> {
                if (current == null) {
                    catalogue.createTopic(data);
                } else {
                    catalogue.updateTopic(current.id(), current.version(), data);
                }
            })) {
                Notices.success("lecture.catalogue.saved");
                changes.closeSaved();
                refresh();
            }
        });
        save.setId("topic-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId("topic-cancel");
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }
}
