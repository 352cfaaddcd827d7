package cn.tongxin.lecture.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.lecture.InviteeResponse;
import cn.tongxin.lecture.LectureAnswers;
import cn.tongxin.lecture.MyInvitation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The signed-in person's answer to a lecture they are invited to: what they answered, and 参加 / 不参加 while the
 * lecture is published and has not begun. Shows nothing to anybody not invited. Placed on the lecture's page (ids
 * {@code lecture-confirm}, {@code lecture-decline}, {@code lecture-answer-state}) and on each card of my lectures
 * (the same ids with {@code -<lecture id>}).
 */
public class InvitationAnswer extends Div {

    private final LectureAnswers answers;
    private final long lectureId;
    private final String suffix;
    private final List<Consumer<InviteeResponse>> listeners = new ArrayList<>();

    /** For the lecture's page: reads my invitation to it. */
    public InvitationAnswer(LectureAnswers answers, long lectureId) {
        this(answers, answers.myInvitation(lectureId).orElse(null), lectureId, "");
    }

    InvitationAnswer(LectureAnswers answers, MyInvitation invitation, long lectureId, String idSuffix) {
        this.answers = answers;
        this.lectureId = lectureId;
        this.suffix = idSuffix;
        addClassName("tx-lecture-answer");
        show(invitation);
    }

    /** Called after the person has answered, with the answer. */
    public void addAnswerListener(Consumer<InviteeResponse> listener) {
        listeners.add(listener);
    }

    private void show(MyInvitation invitation) {
        removeAll();
        setVisible(invitation != null);
        if (invitation == null) {
            return;
        }
        Span state = new Span(invitation.respondedAt() == null
                ? getTranslation("lecture.feeds.answer.state." + invitation.response())
                : getTranslation("lecture.feeds.answer.state-at." + invitation.response(),
                Formats.dateTime(invitation.respondedAt())));
        state.getElement().getThemeList().add(switch (invitation.response()) {
            case CONFIRMED -> "badge success";
            case DECLINED -> "badge contrast";
            case INVITED -> "badge";
        });
        state.setId("lecture-answer-state" + suffix);
        add(state);
        if (!invitation.answerable()) {
            return;
        }
        Button confirm = new Button(getTranslation("lecture.feeds.answer.confirm"), e -> answer(InviteeResponse.CONFIRMED));
        confirm.setId("lecture-confirm" + suffix);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        confirm.setEnabled(invitation.response() != InviteeResponse.CONFIRMED);
        Button decline = new Button(getTranslation("lecture.feeds.answer.decline"), e -> answer(InviteeResponse.DECLINED));
        decline.setId("lecture-decline" + suffix);
        decline.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        decline.setEnabled(invitation.response() != InviteeResponse.DECLINED);
        Div actions = new Div(confirm, decline);
        actions.addClassName("tx-filters");
        add(actions);
    }

    private void answer(InviteeResponse response) {
        if (Notices.attempt(() -> answers.answer(lectureId, response))) {
            Notices.success("lecture.feeds.answer.done." + response);
            listeners.forEach(l -> l.accept(response));
        }
        show(answers.myInvitation(lectureId).orElse(null));
    }
}
