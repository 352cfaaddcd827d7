package cn.tongxin.lecture.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.PersonalPage;
import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.LectureQuery;
import cn.tongxin.lecture.LectureReports;
import cn.tongxin.lecture.LectureRow;
import cn.tongxin.lecture.LectureService;
import cn.tongxin.lecture.MaterialRow;
import cn.tongxin.lecture.ReportRow;
import cn.tongxin.lecture.TopicRow;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * 我的宣讲: the lectures the signed-in lecturer gives (upcoming, then past), the materials of their topics, the
 * reports still to file, and the topics current now with their materials. Each lecture opens its own page; a report due opens the report form.
 */
@Route("my/lecturing")
@Menu(title = "lecture.catalogue.my.nav", order = 6, icon = "vaadin:presentation")
@RolesAllowed(Roles.LECTURER)
@PersonalPage
class MyLecturingView extends VerticalLayout implements HasDynamicTitle {

    /** How far the lists reach: a year ahead, two years back. */
    static final Duration AHEAD = Duration.ofDays(366);
    static final Duration BACK = Duration.ofDays(2 * 366);
    static final int LIMIT = 200;

    MyLecturingView(LectureService lectures, LectureCatalogue catalogue, LectureReports reports, Clock clock) {
        addClassName("tx-page");
        Long me = Callers.require().personId();
        Instant now = clock.instant();
        List<LectureRow> upcoming = me == null ? List.of()
                : lectures.search(new LectureQuery(now, now.plus(AHEAD), null, me, null, null), LIMIT);
        List<LectureRow> past = me == null ? new ArrayList<>()
                : new ArrayList<>(lectures.search(new LectureQuery(now.minus(BACK), now, null, me, null, null), LIMIT));
        Collections.reverse(past);
        List<ReportRow> due = reports.dueForMe(LIMIT);
        List<MaterialRow> materials = catalogue.myMaterials();

        add(section("lecture.catalogue.my.reports-due", "my-reports-due", due.isEmpty()
                ? new EmptyState("lecture.catalogue.my.reports-due.empty", "lecture.catalogue.my.reports-due.empty-hint")
                : reportsDue(due)));
        add(section("lecture.catalogue.my.upcoming", "my-upcoming", upcoming.isEmpty()
                ? new EmptyState("lecture.catalogue.my.upcoming.empty", "lecture.catalogue.my.upcoming.empty-hint")
                : lectureGrid("my-upcoming-grid", upcoming)));
        add(section("lecture.catalogue.my.past", "my-past", past.isEmpty()
                ? new EmptyState("lecture.catalogue.my.past.empty", "lecture.catalogue.my.past.empty-hint")
                : lectureGrid("my-past-grid", past)));
        add(section("lecture.catalogue.my.materials", "my-materials", materials.isEmpty()
                ? new EmptyState("lecture.catalogue.my.materials.empty", "lecture.catalogue.my.materials.empty-hint")
                : materialGrid(catalogue, materials)));
        List<TopicRow> topics = catalogue.topics(true);
        add(section("lecture.catalogue.my.topics", "my-topics", topics.isEmpty()
                ? new EmptyState("lecture.catalogue.my.topics.empty", "lecture.catalogue.my.topics.empty-hint")
                : topicGrid(catalogue, topics)));
    }

    /** The topics current now, each with its materials (read only here), for preparing a lecture before it is scheduled. */
    private Grid<TopicRow> topicGrid(LectureCatalogue catalogue, List<TopicRow> rows) {
        Grid<TopicRow> grid = new Grid<>();
        grid.setId("my-topics-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(TopicRow::title).setHeader(getTranslation("lecture.catalogue.topic.title")).setFlexGrow(2);
        grid.addColumn(TopicRow::summary).setHeader(getTranslation("lecture.catalogue.topic.summary")).setFlexGrow(3);
        grid.addColumn(t -> getTranslation("lecture.catalogue.topic.period-text", t.currentFrom().toString(), t.currentTo().toString()))
                .setHeader(getTranslation("lecture.catalogue.topic.period")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(t -> {
            Button open = new Button(getTranslation("lecture.catalogue.topic.materials-count", t.materialCount()),
                    VaadinIcon.FILE_TEXT_O.create(), e -> new MaterialsDialog(catalogue, t, () -> { }).open());
            open.setId("my-topic-materials-" + t.id());
            open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            open.setEnabled(t.materialCount() > 0);
            return open;
        }).setHeader(getTranslation("lecture.catalogue.topic.materials")).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(rows);
        return grid;
    }

    private Div section(String titleKey, String id, Component body) {
        Div card = new Div();
        card.addClassName("tx-card");
        card.setWidthFull();
        card.setId(id);
        card.add(new H3(getTranslation(titleKey)), body);
        return card;
    }

    private UnorderedList reportsDue(List<ReportRow> due) {
        UnorderedList list = new UnorderedList();
        for (ReportRow l : due) {
            Anchor file = new Anchor("lectures/" + l.lectureId() + "/report", getTranslation("lecture.catalogue.my.file-report"));
            file.setId("report-due-" + l.lectureId());
            Span what = new Span(getTranslation("lecture.catalogue.my.lecture-at", l.lectureTitle(), Formats.dateTime(l.startsAt())));
            list.add(new ListItem(what, new Span(" "), file));
        }
        return list;
    }

    private Grid<LectureRow> lectureGrid(String id, List<LectureRow> rows) {
        Grid<LectureRow> grid = new Grid<>();
        grid.setId(id);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(l -> {
            Anchor open = new Anchor("lectures/" + l.id(), l.title());
            open.setId("my-lecture-" + l.id());
            return open;
        }).setHeader(getTranslation("lecture.catalogue.my.lecture")).setFlexGrow(3);
        grid.addColumn(l -> Formats.dateTime(l.startsAt()) + "–" + Formats.time(l.endsAt()))
                .setHeader(getTranslation("lecture.catalogue.my.when")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(LectureRow::where).setHeader(getTranslation("lecture.catalogue.my.where")).setFlexGrow(2);
        grid.addColumn(LectureRow::unitName).setHeader(getTranslation("lecture.catalogue.unit")).setFlexGrow(1);
        grid.addColumn(l -> getTranslation("lecture.status." + l.status().name()))
                .setHeader(getTranslation("lecture.catalogue.state")).setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("lectures/" + e.getItem().id())));
        grid.setItems(rows);
        return grid;
    }

    private Grid<MaterialRow> materialGrid(LectureCatalogue catalogue, List<MaterialRow> rows) {
        Grid<MaterialRow> grid = new Grid<>();
        grid.setId("my-materials-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(MaterialRow::topicTitle).setHeader(getTranslation("lecture.catalogue.topic.title")).setFlexGrow(2);
        grid.addComponentColumn(m -> MaterialLinks.download(catalogue, m))
                .setHeader(getTranslation("lecture.catalogue.material.file")).setFlexGrow(3);
        grid.addColumn(m -> MaterialLinks.size(m.sizeBytes())).setHeader(getTranslation("lecture.catalogue.material.size"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.setItems(rows);
        return grid;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.catalogue.my.nav");
    }
}
