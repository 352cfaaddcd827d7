package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.EChart;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.lecture.FeedbackResults;
import cn.tongxin.lecture.LectureFeedback;
import cn.tongxin.lecture.ResultOption;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Feedback results per lecture, lecturer or topic, in the caller's scope (a lecturer: the lectures they gave): the
 * average per question as bars, the distribution of 1–5 per question, and the comments (anonymous ones unnamed).
 * {@code ?lecture=ID} (or {@code lecturer}, {@code topic}) opens one directly.
 */
@Route("lecture-feedback")
@Menu(title = "lecture.reports.nav.feedback", order = 48, icon = "vaadin:star-half-left-o")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER, Roles.LECTURER})
public class LectureFeedbackResultsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    public static final String LECTURE = "lecture";
    public static final String LECTURER = "lecturer";
    public static final String TOPIC = "topic";

    enum Kind { LECTURE, LECTURER, TOPIC }

    private static final String[] SCALE_COLOURS = {"#c0392b", "#e67e22", "#f1c40f", "#7fb3d5", "#1f618d"};

    private final LectureFeedback feedback;
    private final Select<Kind> kind = new Select<>();
    private final ComboBox<ResultOption> subject = new ComboBox<>();
    private final Div body = new Div();
    private boolean choosing;

    LectureFeedbackResultsView(LectureFeedback feedback) {
        this.feedback = feedback;
        addClassName("tx-page");
        setWidthFull();
        kind.setId("feedback-kind");
        kind.setLabel(getTranslation("lecture.reports.results.kind"));
        kind.setItems(Kind.values());
        kind.setItemLabelGenerator(k -> getTranslation("lecture.reports.results.kind." + k));
        subject.setId("feedback-subject");
        subject.setLabel(getTranslation("lecture.reports.results.subject"));
        subject.setItemLabelGenerator(ResultOption::label);
        subject.setWidth("min(520px, 100%)");
        kind.addValueChangeListener(e -> {
            if (!choosing) {
                options(e.getValue(), null);
            }
        });
        subject.addValueChangeListener(e -> render());
        body.setWidthFull();
        HorizontalLayout selector = new HorizontalLayout(kind, subject);
        selector.addClassName("tx-filters");
        add(selector, body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var q = event.getLocation().getQueryParameters().getParameters();
        Kind k = Kind.LECTURE;
        Long id = null;
        for (Kind candidate : Kind.values()) {
            List<String> v = q.get(candidate.name().toLowerCase(Locale.ROOT));
            if (v != null && !v.isEmpty() && v.getFirst().matches("[0-9]{1,18}")) {
                k = candidate;
                id = Long.parseLong(v.getFirst());
            }
        }
        choosing = true;
        kind.setValue(k);
        choosing = false;
        options(k, id);
    }

    private void options(Kind k, Long chosen) {
        List<ResultOption> items = switch (k) {
            case LECTURE -> feedback.lecturesWithFeedback();
            case LECTURER -> feedback.lecturersWithFeedback();
            case TOPIC -> feedback.topicsWithFeedback();
        };
        subject.setItems(items);
        Optional<ResultOption> pick = items.stream().filter(o -> chosen != null && o.id() == chosen).findFirst();
        if (pick.isEmpty() && chosen != null && k == Kind.LECTURE) {
            // A lecture of the caller's scope without answers yet: shown, with its empty results.
            pick = feedback.lectureOption(chosen);
            if (pick.isPresent()) {
                items = new java.util.ArrayList<>(items);
                items.addFirst(pick.get());
                subject.setItems(items);
            }
        }
        subject.setValue(pick.orElse(items.isEmpty() ? null : items.getFirst()));
        if (items.isEmpty()) {
            render();
        }
    }

    private void render() {
        body.removeAll();
        ResultOption s = subject.getValue();
        if (s == null) {
            EmptyState none = new EmptyState("lecture.reports.results.empty", "lecture.reports.results.empty-hint");
            none.setId("feedback-results-empty");
            body.add(none);
            return;
        }
        FeedbackResults r = switch (kind.getValue()) {
            case LECTURE -> feedback.feedbackResults(s.id());
            case LECTURER -> feedback.feedbackResultsByLecturer(s.id());
            case TOPIC -> feedback.feedbackResultsByTopic(s.id());
        };
        FlexLayout stats = new FlexLayout(stat("lecture.reports.results.lectures", String.valueOf(r.lectures())),
                stat("lecture.reports.results.answers", String.valueOf(r.answers())));
        stats.addClassName("tx-stats");
        stats.setId("feedback-stats");
        EChart averages = new EChart("260px");
        averages.setOption(averageOption(r));
        EChart distribution = new EChart("300px");
        distribution.setOption(distributionOption(r));
        FlexLayout charts = new FlexLayout(box("lecture.reports.results.averages", averages),
                box("lecture.reports.results.distribution", distribution));
        charts.addClassName("tx-charts");

        Grid<FeedbackResults.QuestionResult> table = new Grid<>();
        table.setId("feedback-questions");
        table.addColumn(q -> q.question().text(getLocale())).setHeader(getTranslation("lecture.reports.results.question")).setFlexGrow(3);
        table.addColumn(q -> average(q)).setHeader(getTranslation("lecture.reports.results.average")).setAutoWidth(true);
        table.addColumn(FeedbackResults.QuestionResult::count).setHeader(getTranslation("lecture.reports.results.count")).setAutoWidth(true);
        for (int k = 0; k < 5; k++) {
            int point = k;
            table.addColumn(q -> q.distribution()[point]).setHeader(getTranslation("lecture.reports.results.points", point + 1))
                    .setAutoWidth(true);
        }
        table.setItems(r.questions());
        table.setAllRowsVisible(true);

        Div comments = new Div();
        comments.setId("feedback-comments");
        if (r.comments().isEmpty()) {
            Span none = new Span(getTranslation("lecture.reports.results.no-comments"));
            none.addClassName("tx-muted");
            comments.add(none);
        }
        for (FeedbackResults.Comment c : r.comments()) {
            Span who = new Span((c.author() == null ? getTranslation("lecture.reports.results.anonymous") : c.author())
                                + " · " + c.givenOn() + (kind.getValue() == Kind.LECTURE ? "" : " · " + c.lectureTitle()));
            who.addClassName("tx-muted");
            Paragraph text = new Paragraph(c.text());
            text.getStyle().set("white-space", "pre-wrap").set("margin", "0");
            Div card = new Div(who, text);
            card.addClassName("tx-card");
            card.addClassName("feedback-comment");
            comments.add(card);
        }
        body.add(stats, charts, table, new H3(getTranslation("lecture.reports.results.comments")), comments);
    }

    static String average(FeedbackResults.QuestionResult q) {
        return q.count() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", q.average());
    }

    private String averageOption(FeedbackResults r) {
        return """
                {"tooltip":{"trigger":"axis"},"grid":{"left":8,"right":24,"top":8,"bottom":8,"containLabel":true},
                 "xAxis":{"type":"value","min":0,"max":5},
                 "yAxis":{"type":"category","inverse":true,"data":[%s]},
                 "series":[{"type":"bar","itemStyle":{"color":"#c0392b"},"label":{"show":true,"position":"right"},"data":[%s]}]}"""
                .formatted(names(r), r.questions().stream()
                        .map(q -> q.count() == 0 ? "0" : String.format(Locale.ROOT, "%.2f", q.average()))
                        .collect(Collectors.joining(",")));
    }

    private String distributionOption(FeedbackResults r) {
        String series = IntStream.range(0, 5).mapToObj(k -> """
                {"name":%s,"type":"bar","stack":"a","itemStyle":{"color":"%s"},"data":[%s]}""".formatted(
                EChart.json(getTranslation("lecture.reports.results.points", k + 1)), SCALE_COLOURS[k],
                r.questions().stream().map(q -> String.valueOf(q.distribution()[k])).collect(Collectors.joining(","))))
                .collect(Collectors.joining(","));
        return """
                {"tooltip":{"trigger":"axis"},"legend":{"bottom":0},
                 "grid":{"left":8,"right":16,"top":8,"bottom":32,"containLabel":true},
                 "xAxis":{"type":"value"},"yAxis":{"type":"category","inverse":true,"data":[%s]},
                 "series":[%s]}""".formatted(names(r), series);
    }

    /** Short names for the chart axes: the part of the question before its colon. */
    private String names(FeedbackResults r) {
        return r.questions().stream().map(q -> {
            String t = q.question().text(getLocale());
            int colon = Math.max(t.indexOf('：'), t.indexOf(':'));
            return EChart.json(colon > 0 ? t.substring(0, colon) : t);
        }).collect(Collectors.joining(","));
    }

    private Component stat(String key, String value) {
        Span v = new Span(value);
        v.addClassName("tx-stat");
        Div card = new Div(new Div(new Span(getTranslation(key))), v);
        card.addClassName("tx-card");
        return card;
    }

    private Component box(String key, Component chart) {
        Div d = new Div(new Span(getTranslation(key)), chart);
        d.addClassName("tx-card");
        return d;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.reports.nav.feedback");
    }
}
