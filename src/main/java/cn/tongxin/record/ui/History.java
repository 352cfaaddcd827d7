package cn.tongxin.record.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.record.SelfStudyStep;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import java.util.List;

/** An entry's kept steps, oldest first, each with who and when, and a return's reason as text. */
final class History {

    private History() {
    }

    static Div of(List<SelfStudyStep> steps, String id) {
        Div box = new Div();
        box.setId(id);
        for (SelfStudyStep s : steps) {
            Div row = new Div(new Span(box.getTranslation("record.selfstudy.history.step",
                    box.getTranslation("record.selfstudy.action." + s.action().name()), s.by(), Formats.dateTime(s.at()))));
            row.addClassName("tx-muted");
            if (s.reason() != null) {
                Span reason = new Span(" — " + s.reason());
                reason.getStyle().set("white-space", "pre-wrap");
                row.add(reason);
            }
            box.add(row);
        }
        return box;
    }
}
