package cn.tongxin.attendance.ui;

import cn.tongxin.attendance.Anomaly;
import cn.tongxin.attendance.AnomalyService;
import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.NarrowScreen;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Duration;
import java.util.List;

/**
 * For checkers: phones used by several people, expired codes tried, bursts from one address, people and addresses
 * stopped for too many wrong door codes (last 30 days), in the caller's units; each names its class session and
 * the people behind it, with links to open them.
 */
@Route("attendance/anomalies")
@Menu(title = "nav.anomalies", order = 60, icon = "vaadin:warning")
@RolesAllowed({Roles.ADMIN, Roles.CHECKER})
class AnomaliesView extends VerticalLayout implements HasDynamicTitle {

    AnomaliesView(AnomalyService anomalies) {
        addClassName("tx-page");
        var items = anomalies.recent(Duration.ofDays(30));
        if (items.isEmpty()) {
            add(new EmptyState("attendance.anomalies.empty", "attendance.anomalies.empty-hint"));
            return;
        }
        Grid<Anomaly> grid = new Grid<>();
        grid.setId("anomalies");
        grid.addColumn(a -> getTranslation("attendance.anomaly." + a.kind())).setHeader(getTranslation("attendance.anomalies.kind"))
                .setAutoWidth(true);
        Grid.Column<Anomaly> at = grid.addColumn(a -> Formats.dateTime(a.at())).setHeader(getTranslation("attendance.anomalies.at"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::occasion).setHeader(getTranslation("attendance.anomalies.occasion")).setFlexGrow(2);
        grid.addComponentColumn(this::people).setHeader(getTranslation("attendance.anomalies.people")).setFlexGrow(2);
        Grid.Column<Anomaly> where = grid.addColumn(a -> a.where() == null || a.where().isEmpty() ? ""
                        : getTranslation("attendance.anomalies.where." + a.kind(), a.where()))
                .setHeader(getTranslation("attendance.anomalies.detail")).setAutoWidth(true);
        grid.addColumn(a -> getTranslation("attendance.anomalies.count." + a.kind(), a.count()))
                .setHeader(getTranslation("attendance.anomalies.count")).setAutoWidth(true);
        NarrowScreen.hideOnPhone(grid, List.of(at, where));
        grid.setItems(items);
        add(grid);
    }

    private Component occasion(Anomaly a) {
        if (a.occasion() == null) {
            return new Span(getTranslation("attendance.anomalies.any-occasion"));
        }
        String text = a.occasion().context() + " · " + a.occasion().title() + " · " + Formats.dateTime(a.occasion().startsAt());
        return a.occasionPage() == null ? new Span(text) : new Anchor(a.occasionPage(), text);
    }

    private Component people(Anomaly a) {
        Div names = new Div();
        names.addClassName("tx-anomaly-people");
        for (Anomaly.Someone someone : a.people()) {
            Anchor link = new Anchor("people/" + someone.id(), someone.name());
            link.getStyle().set("margin-inline-end", "var(--lumo-space-s)");
            names.add(link);
        }
        return names;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.anomalies");
    }
}
