package cn.tongxin.record.ui;

import cn.tongxin.Application;
import cn.tongxin.base.Formats;
import cn.tongxin.base.Page;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.record.QueueRow;
import cn.tongxin.record.ScopeOption;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.stream.IntStream;

/**
 * The checker's queue (自学审核): the pending self-study of the checker's unit subtree, narrowed by unit, sector and
 * year, oldest submission first; a row opens the entry with its evidence to verify or send back. Organizers of the
 * subtree read it without deciding.
 */
@Route("records/self-study-queue")
@Menu(title = "record.selfstudy.nav.queue", order = 62, icon = "vaadin:check-circle-o")
@RolesAllowed({Roles.CHECKER, Roles.ADMIN, Roles.ORGANIZER})
class SelfStudyQueueView extends VerticalLayout implements HasDynamicTitle {

    static final int LIMIT = 1000;

    private final SelfStudy selfStudy;
    private final ComboBox<ScopeOption> unit = new ComboBox<>();
    private final ComboBox<ScopeOption> sector = new ComboBox<>();
    private final Select<Integer> year = new Select<>();
    private final Grid<QueueRow> grid = new Grid<>();
    private final EmptyState empty = new EmptyState("record.selfstudy.queue.empty", "record.selfstudy.queue.empty-hint");
    private final Span count = new Span();

    SelfStudyQueueView(SelfStudy selfStudy, Clock clock) {
        this.selfStudy = selfStudy;
        addClassName("tx-page");
        setWidthFull();
        unit.setId("queue-unit");
        unit.setLabel(getTranslation("record.selfstudy.queue.unit"));
        unit.setPlaceholder(getTranslation("record.selfstudy.queue.all"));
        unit.setItems(selfStudy.units());
        unit.setItemLabelGenerator(ScopeOption::name);
        unit.setClearButtonVisible(true);
        sector.setId("queue-sector");
        sector.setLabel(getTranslation("record.selfstudy.queue.sector"));
        sector.setPlaceholder(getTranslation("record.selfstudy.queue.all"));
        sector.setItems(selfStudy.sectors());
        sector.setItemLabelGenerator(ScopeOption::name);
        sector.setClearButtonVisible(true);
        int thisYear = LocalDate.now(clock.withZone(Application.ZONE)).getYear();
        year.setId("queue-year");
        year.setLabel(getTranslation("record.selfstudy.queue.year"));
        year.setItems(IntStream.rangeClosed(0, MySelfStudyView.YEARS - 1).mapToObj(i -> thisYear - i).toList());
        year.setValue(thisYear);
        unit.addValueChangeListener(e -> refresh());
        sector.addValueChangeListener(e -> refresh());
        year.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(unit, sector, year);
        filters.addClassName("tx-filters");
        filters.getStyle().set("flex-wrap", "wrap");

        grid.setId("queue-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(QueueRow::personName).setHeader(getTranslation("record.selfstudy.queue.col.person")).setAutoWidth(true);
        grid.addColumn(QueueRow::unitName).setHeader(getTranslation("record.selfstudy.queue.col.unit")).setAutoWidth(true);
        grid.addColumn(QueueRow::title).setHeader(getTranslation("record.selfstudy.queue.col.title")).setFlexGrow(1);
        grid.addColumn(r -> r.studiedOn().toString()).setHeader(getTranslation("record.selfstudy.queue.col.date")).setAutoWidth(true);
        grid.addColumn(r -> getTranslation("record.selfstudy.kind." + r.kind().name()))
                .setHeader(getTranslation("record.selfstudy.queue.col.kind")).setAutoWidth(true);
        grid.addColumn(r -> r.hours().toPlainString()).setHeader(getTranslation("record.selfstudy.queue.col.hours")).setAutoWidth(true);
        grid.addColumn(QueueRow::evidenceCount).setHeader(getTranslation("record.selfstudy.queue.col.files")).setAutoWidth(true);
        grid.addColumn(r -> Formats.dateTime(r.submittedAt())).setHeader(getTranslation("record.selfstudy.queue.col.submitted"))
                .setAutoWidth(true);
        grid.addComponentColumn(r -> {
            Button open = new Button(getTranslation("record.selfstudy.queue.open"), e -> open(r.id()));
            open.setId("queue-open-" + r.id());
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            return open;
        }).setAutoWidth(true);
        grid.addItemDoubleClickListener(e -> open(e.getItem().id()));
        grid.setHeight("560px");
        empty.setId("queue-empty");
        count.setId("queue-count");
        count.addClassName("tx-muted");
        add(new H2(getTranslation("record.selfstudy.queue.title")), filters, count, empty, grid);
        refresh();
    }

    private void refresh() {
        Page<QueueRow> page = selfStudy.queue(unit.getValue() == null ? null : unit.getValue().id(),
                sector.getValue() == null ? null : sector.getValue().id(), year.getValue(), 0, LIMIT);
        grid.setItems(page.items());
        count.setText(getTranslation("record.selfstudy.queue.count", page.total()));
        empty.setVisible(page.items().isEmpty());
        grid.setVisible(!page.items().isEmpty());
    }

    private void open(long id) {
        try {
            new SelfStudyDetail(selfStudy, selfStudy.entry(id), this::refresh).open();
        } catch (AccessDeniedException e) {
            Notices.error("error.access-denied");
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("record.selfstudy.queue.title");
    }
}
