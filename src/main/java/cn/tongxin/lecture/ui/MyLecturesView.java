package cn.tongxin.lecture.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.PersonalPage;
import cn.tongxin.lecture.LectureAnswers;
import cn.tongxin.lecture.LectureRow;
import cn.tongxin.lecture.LectureStatus;
import cn.tongxin.lecture.MyInvitation;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.util.List;

/** The lectures I am invited to (我的宣讲邀请): the coming ones first, each with my answer, then the earlier ones. Phone first. */
@Route("my/lectures")
@PersonalPage
@Menu(title = "lecture.feeds.nav.my-lectures", order = 7, icon = "vaadin:megaphone")
@PermitAll
class MyLecturesView extends VerticalLayout implements HasDynamicTitle {

    static final int UPCOMING = 100;
    static final int EARLIER = 20;

    private final LectureAnswers answers;
    private final Clock clock;

    MyLecturesView(LectureAnswers answers, Clock clock) {
        this.answers = answers;
        this.clock = clock;
        addClassName("tx-page");
        setWidthFull();
        render();
    }

    private void render() {
        removeAll();
        List<MyInvitation> upcoming = answers.myInvitations(clock.instant(), UPCOMING);
        List<MyInvitation> earlier = answers.myEarlierInvitations(clock.instant(), EARLIER);
        if (upcoming.isEmpty() && earlier.isEmpty()) {
            EmptyState empty = new EmptyState("lecture.feeds.my.empty", "lecture.feeds.my.empty-hint");
            empty.setId("my-lectures-empty");
            add(empty);
            return;
        }
        if (upcoming.isEmpty()) {
            add(new EmptyState("lecture.feeds.my.none-upcoming", "lecture.feeds.my.none-upcoming-hint"));
        }
        upcoming.forEach(i -> add(card(i)));
        if (!earlier.isEmpty()) {
            add(new H3(getTranslation("lecture.feeds.my.earlier")));
            earlier.forEach(i -> add(card(i)));
        }
    }

    private Div card(MyInvitation i) {
        LectureRow l = i.lecture();
        Div card = new Div();
        card.addClassName("tx-card");
        card.setWidthFull();
        card.setId("my-lecture-" + l.id());
        Anchor title = new Anchor("lectures/" + l.id(), l.title());
        title.getElement().setAttribute("router-link", true);
        title.setId("my-lecture-open-" + l.id());
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        card.add(new Div(title));
        if (l.status() != LectureStatus.PUBLISHED) {
            Span status = new Span(getTranslation("lecture.status." + l.status()));
            status.getElement().getThemeList().add(l.status() == LectureStatus.CANCELLED ? "badge error" : "badge contrast");
            card.add(new Div(status));
        }
        Span when = new Span(Formats.dateTime(l.startsAt()) + "–" + Formats.time(l.endsAt())
                             + (l.where().isBlank() ? "" : " · " + l.where()));
        when.addClassName("tx-muted");
        card.add(new Div(when));
        if (!l.lecturers().isBlank()) {
            Span who = new Span(getTranslation("lecture.feeds.my.lecturers", l.lecturers()));
            who.addClassName("tx-muted");
            card.add(new Div(who));
        }
        if (l.status() != LectureStatus.CANCELLED) {
            InvitationAnswer answer = new InvitationAnswer(answers, i, l.id(), "-" + l.id());
            card.add(answer);
        }
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.feeds.nav.my-lectures");
    }
}
