package cn.tongxin.lecture.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.lecture.LectureReports;
import cn.tongxin.lecture.ReportRow;
import cn.tongxin.lecture.ReportStatus;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Optional;

/**
 * The lecture reports: a lecturer's reports to file (not filed or returned); an organizer's reports to review in
 * their unit's subtree; and, for organizers, checkers and administrators, all reports in scope (read-only here, a
 * click opens the report).
 */
@Route("lecture-reports")
@Menu(title = "lecture.reports.nav.reports", order = 47, icon = "vaadin:clipboard-text")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER, Roles.LECTURER})
class LectureReportsView extends VerticalLayout implements HasDynamicTitle {

    private static final int LIMIT = 500;
    private final LectureReports reports;
    private final Grid<ReportRow> all = grid("reports-all");

    LectureReportsView(LectureReports reports) {
        this.reports = reports;
        addClassName("tx-page");
        setWidthFull();
        Caller caller = Callers.require();
        if (caller.has(Roles.LECTURER) && caller.personId() != null) {
            section("lecture.reports.list.due", "lecture.reports.list.due-empty", grid("reports-due"), reports.dueForMe(LIMIT));
        }
        if (caller.isAdmin() || caller.has(Roles.ORGANIZER)) {
            section("lecture.reports.list.to-review", "lecture.reports.list.to-review-empty", grid("reports-to-review"),
                    reports.toReview(LIMIT));
        }
        if (caller.isAdmin() || caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER)) {
            Select<Optional<ReportStatus>> status = new Select<>();
            status.setId("reports-status-filter");
            status.setLabel(getTranslation("lecture.reports.list.status-filter"));
            status.setItems(List.of(Optional.empty(), Optional.of(ReportStatus.SUBMITTED), Optional.of(ReportStatus.ACCEPTED),
                    Optional.of(ReportStatus.RETURNED)));
            status.setItemLabelGenerator(s -> s.map(x -> getTranslation("lecture.reports.status." + x))
                    .orElse(getTranslation("lecture.reports.list.any-status")));
            status.setValue(Optional.empty());
            Span empty = new Span(getTranslation("lecture.reports.list.all-empty"));
            empty.addClassName("tx-muted");
            status.addValueChangeListener(e -> show(all, empty, reports.reports(e.getValue().orElse(null), LIMIT)));
            all.setHeight("480px");
            add(new H3(getTranslation("lecture.reports.list.all")), status, empty, all);
            show(all, empty, reports.reports(null, LIMIT));
        }
    }

    private void section(String titleKey, String emptyKey, Grid<ReportRow> grid, List<ReportRow> rows) {
        Span empty = new Span(getTranslation(emptyKey));
        empty.addClassName("tx-muted");
        grid.setAllRowsVisible(rows.size() <= 20);
        if (rows.size() > 20) {
            grid.setHeight("480px");
        }
        add(new H3(getTranslation(titleKey)), empty, grid);
        show(grid, empty, rows);
    }

    private static void show(Grid<ReportRow> grid, Span empty, List<ReportRow> rows) {
        grid.setItems(rows);
        grid.setVisible(!rows.isEmpty());
        empty.setVisible(rows.isEmpty());
    }

    private Grid<ReportRow> grid(String id) {
        Grid<ReportRow> g = new Grid<>();
        g.setId(id);
        g.addColumn(ReportRow::lectureTitle).setHeader(getTranslation("lecture.reports.column.lecture")).setFlexGrow(2);
        g.addColumn(r -> Formats.dateTime(r.startsAt())).setHeader(getTranslation("lecture.reports.column.start")).setAutoWidth(true);
        g.addColumn(ReportRow::unitName).setHeader(getTranslation("lecture.reports.column.unit")).setAutoWidth(true);
        g.addColumn(ReportRow::lecturers).setHeader(getTranslation("lecture.reports.column.lecturers")).setAutoWidth(true);
        g.addColumn(r -> getTranslation("lecture.reports.status." + (r.status() == null ? "NONE" : r.status().name())))
                .setHeader(getTranslation("lecture.reports.column.status")).setAutoWidth(true);
        g.addColumn(r -> r.actualCount() == null ? "" : String.valueOf(r.actualCount()))
                .setHeader(getTranslation("lecture.reports.column.actual")).setAutoWidth(true);
        g.addColumn(ReportRow::photos).setHeader(getTranslation("lecture.reports.column.photos")).setAutoWidth(true);
        g.addColumn(r -> r.filedAt() == null ? "" : Formats.dateTime(r.filedAt()))
                .setHeader(getTranslation("lecture.reports.column.filed")).setAutoWidth(true);
        g.addItemClickListener(e -> UI.getCurrent().navigate("lectures/" + e.getItem().lectureId() + "/report"));
        return g;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.reports.nav.reports");
    }
}
