package cn.tongxin.lecture.ui;

import cn.tongxin.lecture.FeedbackState;
import cn.tongxin.lecture.LectureFeedback;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.QueryParameters;

import java.util.Map;

/**
 * What a lecture's page shows in its slot {@code lecture-feedback-slot}: for the audience during the week after the
 * lecture a button to the feedback form, after answering a thank-you; for those who may read the results a link to
 * them. Nothing for anybody else. Place it with {@code new LectureFeedbackButton(feedback, lectureId)}.
 */
public class LectureFeedbackButton extends Div {

    public LectureFeedbackButton(LectureFeedback feedback, long lectureId) {
        setId("lecture-feedback-slot-content");
        FeedbackState state = feedback.state(lectureId);
        if (state.status() == FeedbackState.Status.OPEN) {
            Button open = new Button(getTranslation("lecture.reports.feedback.open"), VaadinIcon.STAR.create(),
                    e -> UI.getCurrent().navigate("lectures/" + lectureId + "/feedback"));
            open.setId("lecture-feedback-open");
            open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(open);
        } else if (state.status() == FeedbackState.Status.GIVEN) {
            Span given = new Span(getTranslation("lecture.reports.feedback.given"));
            given.setId("lecture-feedback-given");
            add(given);
        }
        if (feedback.canSeeResults(lectureId)) {
            Button results = new Button(getTranslation("lecture.reports.feedback.results-link"), VaadinIcon.BAR_CHART.create(),
                    e -> UI.getCurrent().navigate(LectureFeedbackResultsView.class,
                            new QueryParameters(Map.of(LectureFeedbackResultsView.LECTURE, java.util.List.of(String.valueOf(lectureId))))));
            results.setId("lecture-feedback-results");
            results.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(results);
        }
        setVisible(getComponentCount() > 0);
    }
}
