package cn.tongxin.lecture.ui;

import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.lecture.LectureData;
import cn.tongxin.lecture.LectureDetail;
import cn.tongxin.lecture.LectureService;
import com.vaadin.flow.component.UI;

/**
 * The steps of a lecture's life as the form and the page offer them. Publishing and cancelling reach other people
 * (invitations, cancellations with the reason), so both ask first; each passes the version the person saw, so that a
 * change made meanwhile by someone else is refused instead of overwritten.
 */
final class LectureActions {

    private LectureActions() {
    }

    /** Asks, then runs {@code publish} (which may save the form first) and {@code done}. */
    static void publish(String title, Runnable publish, Runnable done) {
        UI ui = UI.getCurrent();
        Confirm.ask(ui.getTranslation("lecture.schedule.publish"),
                ui.getTranslation("lecture.schedule.publish.message", title),
                ui.getTranslation("lecture.schedule.publish"), false, () -> {
                    publish.run();
                    Notices.success("lecture.schedule.published");
                    done.run();
                });
    }

    static void cancel(LectureService lectures, LectureDetail d, Runnable done) {
        UI ui = UI.getCurrent();
        Confirm.askReason(ui.getTranslation("lecture.schedule.cancel"),
                ui.getTranslation("lecture.schedule.cancel.message", d.data().title(), d.invited()),
                ui.getTranslation("lecture.schedule.cancel.reason"), LectureData.REASON_MAX,
                ui.getTranslation("lecture.schedule.cancel"), reason -> {
                    lectures.cancel(d.id(), d.version(), reason);
                    Notices.success("lecture.schedule.cancelled");
                    done.run();
                });
    }

    static void markHeld(LectureService lectures, LectureDetail d, Runnable done) {
        if (Notices.attempt(() -> lectures.markHeld(d.id()))) {
            Notices.success("lecture.schedule.marked-held");
            done.run();
        }
    }
}
