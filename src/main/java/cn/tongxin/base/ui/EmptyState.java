package cn.tongxin.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/** What a list shows when it has nothing yet: what it is, and what to do. */
public class EmptyState extends Div {

    public EmptyState(String titleKey, String hintKey, Component... actions) {
        addClassName("tx-empty");
        addAttachListener(e -> {
            removeAll();
            Span title = new Span(getTranslation(titleKey));
            title.addClassName("tx-empty-title");
            add(title, new Paragraph(getTranslation(hintKey)));
            add(actions);
        });
    }
}
