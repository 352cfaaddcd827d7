package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.EChart;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.lecture.CampaignReport;
import cn.tongxin.lecture.CampaignState;
import cn.tongxin.lecture.CampaignTopic;
import cn.tongxin.lecture.LectureCampaign;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A topic's campaign: for a period (by default the topic's own), which units below the caller's and which of their
 * sectors have had a lecture, have one scheduled or none yet, with a chart per sector; the audience reached; and
 * each lecturer's lectures per month.
 */
@Route("lecture-campaign")
@Menu(title = "lecture.orders.nav.campaign", order = 46, icon = "vaadin:chart")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER})
class LectureCampaignView extends VerticalLayout implements HasDynamicTitle {

    private final LectureCampaign campaign;
    private final ComboBox<CampaignTopic> topic = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Div body = new Div();
    private CampaignReport report;

    LectureCampaignView(LectureCampaign campaign) {
        this.campaign = campaign;
        addClassName("tx-page");
        setWidthFull();
        topic.setLabel(getTranslation("lecture.orders.campaign.topic"));
        topic.setId("campaign-topic");
        topic.setWidth("min(520px, 100%)");
        topic.setItemLabelGenerator(t -> t.title() + " · " + t.unitName());
        from.setLabel(getTranslation("lecture.orders.campaign.from"));
        from.setId("campaign-from");
        to.setLabel(getTranslation("lecture.orders.campaign.to"));
        to.setId("campaign-to");
        body.setWidthFull();
        body.setId("campaign-body");
        FlexLayout filters = new FlexLayout(topic, from, to);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-m)");
        add(new H2(getTranslation("lecture.orders.campaign.title")), filters, body);
        List<CampaignTopic> topics = campaign.topics();
        if (topics.isEmpty()) {
            body.add(new EmptyState("lecture.orders.campaign.empty", "lecture.orders.campaign.empty-hint"));
            return;
        }
        topic.setItems(topics);
        topic.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                from.setValue(e.getValue().currentFrom());
                to.setValue(e.getValue().currentTo());
            }
            render();
        });
        from.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                render();
            }
        });
        to.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                render();
            }
        });
        topic.setValue(topics.getFirst());
    }

    /** The report shown, for tests. */
    CampaignReport report() {
        return report;
    }

    private void render() {
        body.removeAll();
        report = null;
        CampaignTopic t = topic.getValue();
        if (t == null || from.getValue() == null || to.getValue() == null) {
            return;
        }
        if (!Notices.attempt(() -> report = campaign.campaign(t.id(), from.getValue(), to.getValue()))) {
            return;
        }
        Map<CampaignState, Integer> total = report.counts(null);
        Span stat = new Span(getTranslation("lecture.orders.campaign.stat", total.get(CampaignState.HELD),
                total.get(CampaignState.SCHEDULED), total.get(CampaignState.NONE)));
        stat.setId("campaign-stat");
        int invited = report.units().stream().mapToInt(CampaignReport.Unit::invited).sum();
        int signedIn = report.units().stream().mapToInt(CampaignReport.Unit::signedIn).sum();
        Span audience = new Span(getTranslation("lecture.orders.campaign.audience", invited, signedIn));
        audience.setId("campaign-audience");
        Div figures = new Div(new Div(stat), new Div(audience));
        figures.addClassName("tx-card");

        EChart chart = new EChart("320px");
        chart.setId("campaign-chart");
        chart.setOption(chartOption());

        Grid<CampaignReport.Unit> units = new Grid<>();
        units.setId("campaign-units");
        units.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        units.setAllRowsVisible(true);
        units.addColumn(CampaignReport.Unit::name).setHeader(getTranslation("lecture.orders.campaign.col.unit"))
                .setFrozen(true).setAutoWidth(true);
        units.addColumn(u -> state(u.state())).setHeader(getTranslation("lecture.orders.campaign.col.state")).setAutoWidth(true);
        units.addColumn(CampaignReport.Unit::held).setHeader(getTranslation("lecture.orders.campaign.col.held")).setAutoWidth(true);
        units.addColumn(CampaignReport.Unit::scheduled).setHeader(getTranslation("lecture.orders.campaign.col.scheduled"))
                .setAutoWidth(true);
        units.addColumn(CampaignReport.Unit::invited).setHeader(getTranslation("lecture.orders.campaign.col.invited"))
                .setAutoWidth(true);
        units.addColumn(CampaignReport.Unit::signedIn).setHeader(getTranslation("lecture.orders.campaign.col.signed-in"))
                .setAutoWidth(true);
        for (CampaignReport.Sector s : report.sectors()) {
            units.addColumn(u -> state(u.state(s.id()))).setHeader(s.name()).setAutoWidth(true);
        }
        units.setItems(report.units());
        Span hint = new Span(getTranslation("lecture.orders.campaign.units-hint"));
        hint.addClassName("tx-muted");

        body.add(figures, box("lecture.orders.campaign.chart", chart), new H3(getTranslation("lecture.orders.campaign.units")),
                hint, units, new H3(getTranslation("lecture.orders.campaign.load")));
        if (report.loads().isEmpty()) {
            Span none = new Span(getTranslation("lecture.orders.campaign.load-empty"));
            none.setId("campaign-load-empty");
            body.add(none);
            return;
        }
        Grid<CampaignReport.LecturerLoad> loads = new Grid<>();
        loads.setId("campaign-load");
        loads.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        loads.setAllRowsVisible(true);
        loads.addColumn(CampaignReport.LecturerLoad::name).setHeader(getTranslation("lecture.orders.campaign.col.lecturer"))
                .setFrozen(true).setAutoWidth(true);
        for (YearMonth m : report.months()) {
            loads.addColumn(l -> l.in(m) == 0 ? "" : String.valueOf(l.in(m))).setHeader(m.toString()).setAutoWidth(true);
        }
        loads.addColumn(CampaignReport.LecturerLoad::total).setHeader(getTranslation("lecture.orders.campaign.col.total"))
                .setAutoWidth(true);
        loads.setItems(report.loads());
        body.add(loads);
    }

    private String state(CampaignState s) {
        return getTranslation("lecture.orders.campaign.state." + s);
    }

    /** Units per state: all sectors together, then each sector. */
    private String chartOption() {
        List<String> names = new ArrayList<>();
        List<Map<CampaignState, Integer>> counts = new ArrayList<>();
        names.add(getTranslation("lecture.orders.campaign.all-sectors"));
        counts.add(report.counts(null));
        for (CampaignReport.Sector s : report.sectors()) {
            names.add(s.name());
            counts.add(report.counts(s.id()));
        }
        String series = List.of(CampaignState.HELD, CampaignState.SCHEDULED, CampaignState.NONE).stream()
                .map(st -> "{\"name\":%s,\"type\":\"bar\",\"stack\":\"a\",\"data\":[%s]}".formatted(EChart.json(state(st)),
                        counts.stream().map(c -> String.valueOf(c.get(st))).collect(Collectors.joining(","))))
                .collect(Collectors.joining(","));
        return """
                {"tooltip":{"trigger":"axis"},"legend":{"bottom":0},
                 "grid":{"left":8,"right":16,"top":8,"bottom":32,"containLabel":true},
                 "xAxis":{"type":"category","data":[%s],"axisLabel":{"interval":0,"rotate":30}},
                 "yAxis":{"type":"value","minInterval":1},"color":["#c0392b","#e67e22","#bdc3c7"],
                 "series":[%s]}"""
                .formatted(names.stream().map(EChart::json).collect(Collectors.joining(",")), series);
    }

    private Div box(String key, EChart chart) {
        Div d = new Div(new Span(getTranslation(key)), chart);
        d.addClassName("tx-card");
        return d;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.orders.nav.campaign");
    }
}
