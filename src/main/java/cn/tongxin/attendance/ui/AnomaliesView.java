package cn.tongxin.attendance.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.attendance.Anomaly;
import cn.tongxin.attendance.AnomalyService;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Duration;

/**
 * For checkers: phones used by several people, expired codes tried, bursts from one address, people and addresses
 * stopped for too many wrong door codes (last 30 days).
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
        grid.addColumn(a -> getTranslation("attendance.anomaly." + a.kind())).setHeader(getTranslation("attendance.anomalies.kind")).setAutoWidth(true);
        grid.addColumn(a -> Formats.dateTime(a.at())).setHeader(getTranslation("attendance.anomalies.at")).setAutoWidth(true);
        grid.addColumn(Anomaly::occasion).setHeader(getTranslation("attendance.anomalies.occasion"));
        grid.addColumn(Anomaly::detail).setHeader(getTranslation("attendance.anomalies.detail"));
        grid.addColumn(Anomaly::count).setHeader(getTranslation("attendance.anomalies.count"));
        grid.setItems(items);
        add(grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.anomalies");
    }
}
