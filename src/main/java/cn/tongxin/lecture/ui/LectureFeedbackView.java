package cn.tongxin.lecture.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.lecture.FeedbackQuestion;
import cn.tongxin.lecture.FeedbackState;
import cn.tongxin.lecture.LectureFeedback;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feedback form of a lecture (宣讲评价), for its audience during the week after it: a 1–5 rating per question, a
 * comment, and the choice to answer anonymously. Afterwards a thank-you; outside the window or the audience, a clear
 * message. Phone first: one column, big radio buttons.
 */
@Route("lectures/:" + LectureFeedbackView.ID + "([0-9]{1,18})/feedback")
@PermitAll
public class LectureFeedbackView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ID = "id";

    private final LectureFeedback feedback;
    private long lectureId;
    private String title;

    LectureFeedbackView(LectureFeedback feedback) {
        this.feedback = feedback;
        addClassName("tx-page");
        setWidthFull();
        setMaxWidth("720px");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        lectureId = event.getRouteParameters().getLong(ID).orElse(0L);
        render();
    }

    private void render() {
        removeAll();
        FeedbackState state = feedback.state(lectureId);
        title = state.title();
        if (state.title() != null) {
            H2 heading = new H2(state.title());
            heading.setId("feedback-heading");
            add(new Span(getTranslation("lecture.reports.feedback.title")), heading);
        }
        switch (state.status()) {
            case NOT_INVITED -> add(message("feedback-unavailable", "lecture.reports.feedback.unavailable",
                    getTranslation("lecture.reports.feedback.unavailable-hint")));
            case NOT_YET -> add(message("feedback-not-yet", "lecture.reports.feedback.not-yet",
                    getTranslation("lecture.reports.feedback.not-yet-hint", Formats.dateTime(state.opensAt()))));
            case CLOSED -> add(message("feedback-closed", "lecture.reports.feedback.closed",
                    getTranslation("lecture.reports.feedback.closed-hint", Formats.dateTime(state.closesAt()))));
            case GIVEN -> add(thanks());
            case OPEN -> form(state);
        }
    }

    private void form(FeedbackState state) {
        add(new Paragraph(getTranslation("lecture.reports.feedback.intro", Formats.dateTime(state.closesAt()))));
        Map<Long, RadioButtonGroup<Integer>> answers = new LinkedHashMap<>();
        for (FeedbackQuestion q : feedback.questions()) {
            RadioButtonGroup<Integer> group = new RadioButtonGroup<>(q.text(getLocale()));
            group.setId("feedback-q-" + q.position());
            group.setItems(List.of(1, 2, 3, 4, 5));
            group.setRequired(true);
            answers.put(q.id(), group);
            add(group);
        }
        TextArea comment = new TextArea(getTranslation("lecture.reports.feedback.comment"));
        comment.setId("feedback-comment");
        comment.setWidthFull();
        comment.setMaxLength(LectureFeedback.COMMENT_MAX);
        Checkbox anonymous = new Checkbox(getTranslation("lecture.reports.feedback.anonymous"));
        anonymous.setId("feedback-anonymous");
        Span hint = new Span(getTranslation("lecture.reports.feedback.anonymous-hint"));
        hint.addClassName("tx-muted");
        Button submit = new Button(getTranslation("lecture.reports.feedback.submit"), e -> {
            Map<Long, Integer> ratings = new LinkedHashMap<>();
            answers.forEach((q, g) -> {
                g.setInvalid(g.getValue() == null);
                if (g.getValue() != null) {
                    ratings.put(q, g.getValue());
                }
            });
            if (ratings.size() < answers.size()) {
                Notices.error("lecture.reports.feedback.error.ratings");
                return;
            }
            if (Notices.attempt(() -> feedback.give(lectureId, ratings, comment.getValue(), anonymous.getValue()))) {
                render();
            }
        });
        submit.setId("feedback-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setWidthFull();
        add(comment, anonymous, hint, submit);
    }

    private Div thanks() {
        EmptyState thanks = new EmptyState("lecture.reports.feedback.thanks", "lecture.reports.feedback.thanks-hint");
        thanks.setId("feedback-thanks");
        return thanks;
    }

    private Div message(String id, String titleKey, String text) {
        Span head = new Span(getTranslation(titleKey));
        head.addClassName("tx-empty-title");
        Div box = new Div(head, new Paragraph(text));
        box.setId(id);
        box.addClassName("tx-empty");
        return box;
    }

    @Override
    public String getPageTitle() {
        return title == null ? getTranslation("lecture.reports.feedback.title")
                : getTranslation("lecture.reports.feedback.title") + " · " + title;
    }
}
