package cn.tongxin.rotation.ui;

import cn.tongxin.base.Page;
import cn.tongxin.base.ui.Background;
import cn.tongxin.base.ui.EChart;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.rotation.AtRiskRow;
import cn.tongxin.rotation.CoverageCounts;
import cn.tongxin.rotation.CoverageReport;
import cn.tongxin.rotation.CoverageRow;
import cn.tongxin.rotation.CoverageService;
import cn.tongxin.rotation.PlanRow;
import cn.tongxin.rotation.RotationService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Coverage of a plan: trained / enrolled / untouched with percentages, by sector and by unit (drill down the
 * tree), charts, the forecast, the untrained (overdue or at-risk) list and an .xlsx export.
 */
@Route("rotation/coverage")
@Menu(title = "nav.rotation.coverage", order = 23, icon = "vaadin:pie-chart")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER})
class CoverageView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final java.time.format.DateTimeFormatter COMPUTED_AT = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final RotationService rotation;
    private final CoverageService coverage;
    private final ComboBox<PlanRow> plan = new ComboBox<>();
    private final Div body = new Div();
    private final Background background;
    private Long unitId;

    CoverageView(RotationService rotation, CoverageService coverage, Background background) {
        this.rotation = rotation;
        this.coverage = coverage;
        this.background = background;
        addClassName("tx-page");
        setWidthFull();
        plan.setLabel(getTranslation("rotation.plan"));
        plan.setItemLabelGenerator(PlanRow::name);
        plan.setWidth("min(520px, 100%)");
        plan.setId("coverage-plan");
        plan.addValueChangeListener(e -> {
            unitId = null;
            render();
        });
        body.setWidthFull();
        add(plan, body);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long planId) {
        List<PlanRow> plans = rotation.plans();
        plan.setItems(plans);
        if (plans.isEmpty()) {
            body.add(new EmptyState("rotation.plan.empty", "rotation.plan.empty-hint"));
            return;
        }
        plan.setValue(plans.stream().filter(p -> planId != null && p.id() == planId).findFirst()
                .orElse(plans.stream().max(java.util.Comparator.comparingLong(PlanRow::classCount)).orElseThrow()));
    }

    private void render() {
        render(true);
    }

    /**
     * Shows the figures as last computed at once; if something has changed since, says so with a progress bar and
     * shows them again when the recomputation (≈ 1 s at 100,000 people) is done. A plan never computed is computed now.
     */
    private void render(boolean mayRecompute) {
        body.removeAll();
        if (plan.getValue() == null) {
            return;
        }
        long planId = plan.getValue().id();
        Long unit = unitId;
        CoverageReport r = coverage.lastCoverage(planId, unit).orElseGet(() -> coverage.coverage(planId, unit));
        if (!r.upToDate() && mayRecompute) {
            ProgressBar bar = new ProgressBar();
            bar.setIndeterminate(true);
            Div recomputing = new Div(new Span(getTranslation("rotation.coverage.recomputing")), bar);
            recomputing.setId("coverage-recomputing");
            recomputing.addClassName("tx-card");
            body.add(recomputing);
            background.run(UI.getCurrent(), () -> coverage.coverage(planId, unit), fresh -> {
                if (plan.getValue() != null && plan.getValue().id() == planId) {
                    render(false);
                }
            }, failure -> {
                recomputing.setVisible(false);
                Notices.error("rotation.coverage.recompute-failed");
            });
        }
        CoverageCounts t = r.total();
        FlexLayout stats = new FlexLayout(stat("rotation.coverage.population", String.valueOf(t.population()), null),
                stat("rotation.coverage.trained", String.valueOf(t.trained()), t.trainedPct() + "%"),
                stat("rotation.coverage.enrolled", String.valueOf(t.enrolled()), t.enrolledPct() + "%"),
                stat("rotation.coverage.untouched", String.valueOf(t.untouched()), t.untouchedPct() + "%"));
        stats.addClassName("tx-stats");
        stats.setId("coverage-stats");
        var f = r.forecast();
        Div forecast = new Div(new Span(getTranslation("rotation.coverage.forecast.text", f.trainedLast12Months(),
                f.monthsLeft(), f.projectedPct(), f.notYetPlaced(), f.classesNeeded(), f.averageCapacity())));
        forecast.addClassName("tx-card");
        forecast.setId("coverage-forecast");
        Span computed = new Span(getTranslation("rotation.coverage.computed-at", r.computedAt() == null ? "–"
                : COMPUTED_AT.format(r.computedAt().atZone(cn.tongxin.Application.ZONE))));
        computed.addClassName("tx-muted");
        computed.setId("coverage-computed-at");
        Anchor export = new Anchor(DownloadHandler.fromInputStream(ev -> new DownloadResponse(
                new ByteArrayInputStream(coverage.exportXlsx(planId, getLocale())), "coverage-" + planId + ".xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", -1)), getTranslation("action.export"));
        export.setId("coverage-export");
        export.getElement().setAttribute("download", true);
        body.add(new HorizontalLayout(export), stats, forecast, computed);

        EChart pie = new EChart("280px");
        pie.setOption(pieOption(t));
        EChart bars = new EChart("320px");
        bars.setOption(barOption(r.bySector()));
        FlexLayout charts = new FlexLayout(box("rotation.coverage.share", pie), box("rotation.coverage.by-sector", bars));
        charts.addClassName("tx-charts");
        body.add(charts);

        H3 unitsHead = new H3(getTranslation("rotation.coverage.by-unit") + " · " + r.unitName());
        Button up = new Button(getTranslation("rotation.coverage.up"), e -> {
            unitId = r.parentUnitId();
            render();
        });
        up.setId("coverage-up");
        up.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        up.setVisible(r.parentUnitId() != null);
        Grid<CoverageRow> unitGrid = table(r.byUnit());
        unitGrid.setId("coverage-units");
        unitGrid.addItemClickListener(e -> {
            if (e.getItem().hasChildren()) {
                unitId = e.getItem().id();
                render();
            }
        });
        EChart unitBars = new EChart("300px");
        unitBars.setOption(stackOption(r.byUnit()));
        body.add(new HorizontalLayout(unitsHead, up), unitBars, unitGrid);

        Grid<CoverageRow> sectorGrid = table(r.bySector());
        sectorGrid.setId("coverage-sectors");
        body.add(new H3(getTranslation("rotation.coverage.by-sector")), sectorGrid);

        String riskKey = "rotation.coverage.risk." + r.riskKind();
        H3 riskHead = new H3(getTranslation(riskKey));
        Grid<AtRiskRow> risk = new Grid<>();
        risk.setId("coverage-untrained");
        risk.addColumn(AtRiskRow::name).setHeader(getTranslation("rotation.person.name")).setAutoWidth(true);
        risk.addColumn(AtRiskRow::unitName).setHeader(getTranslation("rotation.person.unit")).setAutoWidth(true);
        risk.addColumn(AtRiskRow::sectors).setHeader(getTranslation("rotation.person.sectors"));
        risk.addColumn(a -> a.enrolled() ? getTranslation("rotation.coverage.enrolled") : getTranslation("rotation.coverage.untouched"))
                .setHeader(getTranslation("rotation.enrollment.status")).setAutoWidth(true);
        Long u = r.unitId();
        // The count is known from the figures above (the selected unit's subtree): no second pass over the population.
        long untrainedCount = r.byUnit().stream().mapToLong(c -> c.counts().population() - c.counts().trained()).sum();
        risk.setItems(q -> coverage.untrained(planId, u, q.getOffset(), q.getLimit()).items().stream(),
                q -> (int) untrainedCount);
        risk.setHeight("420px");
        body.add(riskHead, risk);
    }

    private Grid<CoverageRow> table(List<CoverageRow> rows) {
        Grid<CoverageRow> grid = new Grid<>();
        grid.addColumn(c -> c.name() + (c.hasChildren() ? " ›" : "")).setHeader(getTranslation("rotation.coverage.name")).setFlexGrow(2);
        grid.addColumn(c -> c.counts().population()).setHeader(getTranslation("rotation.coverage.population")).setAutoWidth(true);
        grid.addColumn(c -> c.counts().trained() + " (" + c.counts().trainedPct() + "%)").setHeader(getTranslation("rotation.coverage.trained")).setAutoWidth(true);
        grid.addColumn(c -> c.counts().enrolled()).setHeader(getTranslation("rotation.coverage.enrolled")).setAutoWidth(true);
        grid.addColumn(c -> c.counts().untouched()).setHeader(getTranslation("rotation.coverage.untouched")).setAutoWidth(true);
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private Component stat(String key, String value, String pct) {
        Span v = new Span(value);
        v.addClassName("tx-stat");
        Div card = new Div(new Div(new Span(getTranslation(key))), v);
        if (pct != null) {
            Span p = new Span(" " + pct);
            p.addClassName("tx-muted");
            card.add(p);
        }
        card.addClassName("tx-card");
        return card;
    }

    private Component box(String key, Component chart) {
        Div d = new Div(new Span(getTranslation(key)), chart);
        d.addClassName("tx-card");
        return d;
    }

    private String pieOption(CoverageCounts t) {
        return """
                {"tooltip":{"trigger":"item"},"legend":{"bottom":0},
                 "color":["#c0392b","#e67e22","#bdc3c7"],
                 "series":[{"type":"pie","radius":["40%%","70%%"],"data":[
                   {"name":%s,"value":%d},{"name":%s,"value":%d},{"name":%s,"value":%d}]}]}"""
                .formatted(EChart.json(getTranslation("rotation.coverage.trained")), t.trained(),
                        EChart.json(getTranslation("rotation.coverage.enrolled")), t.enrolled(),
                        EChart.json(getTranslation("rotation.coverage.untouched")), t.untouched());
    }

    private String barOption(List<CoverageRow> rows) {
        return """
                {"tooltip":{"trigger":"axis"},"grid":{"left":8,"right":16,"top":8,"bottom":8,"containLabel":true},
                 "xAxis":{"type":"value","max":100,"axisLabel":{"formatter":"{value}%%"}},
                 "yAxis":{"type":"category","inverse":true,"data":[%s]},
                 "series":[{"type":"bar","itemStyle":{"color":"#c0392b"},"data":[%s]}]}"""
                .formatted(rows.stream().map(r -> EChart.json(r.name())).collect(Collectors.joining(",")),
                        rows.stream().map(r -> String.valueOf(r.counts().trainedPct())).collect(Collectors.joining(",")));
    }

    private String stackOption(List<CoverageRow> rows) {
        String names = rows.stream().map(r -> EChart.json(r.name())).collect(Collectors.joining(","));
        return """
                {"tooltip":{"trigger":"axis"},"legend":{"bottom":0},
                 "grid":{"left":8,"right":16,"top":8,"bottom":32,"containLabel":true},
                 "xAxis":{"type":"category","data":[%s],"axisLabel":{"interval":0,"rotate":30}},
                 "yAxis":{"type":"value"},"color":["#c0392b","#e67e22","#bdc3c7"],
                 "series":[{"name":%s,"type":"bar","stack":"a","data":[%s]},
                           {"name":%s,"type":"bar","stack":"a","data":[%s]},
                           {"name":%s,"type":"bar","stack":"a","data":[%s]}]}"""
                .formatted(names, EChart.json(getTranslation("rotation.coverage.trained")),
                        rows.stream().map(r -> String.valueOf(r.counts().trained())).collect(Collectors.joining(",")),
                        EChart.json(getTranslation("rotation.coverage.enrolled")),
                        rows.stream().map(r -> String.valueOf(r.counts().enrolled())).collect(Collectors.joining(",")),
                        EChart.json(getTranslation("rotation.coverage.untouched")),
                        rows.stream().map(r -> String.valueOf(r.counts().untouched())).collect(Collectors.joining(",")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.rotation.coverage");
    }

    static Page<AtRiskRow> none() {
        return new Page<>(List.of(), 0);
    }
}
