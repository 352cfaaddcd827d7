package cn.tongxin.record.ui;

import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SelfStudyEntry;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** A pending entry as the checker sees it: the trainee's text, the evidence (images previewed), the history, the decision. */
class SelfStudyDetail extends Dialog {

    SelfStudyDetail(SelfStudy service, SelfStudyEntry e, Runnable decided) {
        setHeaderTitle(getTranslation("record.selfstudy.queue.title"));
        setWidth("min(900px, 100vw)");
        H3 title = new H3(e.title());
        title.setId("detail-title");
        title.getStyle().set("overflow-wrap", "anywhere");
        HorizontalLayout meta = new HorizontalLayout(new Span(e.personName()), new Span(e.unitName()),
                new Span(e.studiedOn().toString()), new Span(getTranslation("record.selfstudy.kind." + e.kind().name())),
                new Span(getTranslation("record.selfstudy.mine.hours", e.hours().toPlainString())),
                new Span(getTranslation("record.selfstudy.status." + e.status().name())));
        meta.addClassName("tx-filters");
        meta.getStyle().set("flex-wrap", "wrap");
        add(title, meta);
        if (e.note() != null) {
            Paragraph note = new Paragraph(e.note());
            note.setId("detail-note");
            note.getStyle().set("white-space", "pre-wrap");
            add(note);
        }
        add(new H3(getTranslation("record.selfstudy.form.evidence")), EvidenceLinks.of(service, e.evidence(), "detail-", true),
                new H3(getTranslation("record.selfstudy.history")), History.of(e.history(), "detail-history"));

        Button close = new Button(getTranslation("record.selfstudy.detail.close"), ev -> close());
        close.setId("detail-close");
        if (e.canDecide()) {
            Button verify = new Button(getTranslation("record.selfstudy.detail.verify"), VaadinIcon.CHECK.create(), ev -> {
                if (Notices.attempt(() -> service.verify(e.id(), e.version()))) {
                    Notices.success("record.selfstudy.detail.verified");
                    close();
                }
                decided.run();
            });
            verify.setId("detail-verify");
            verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
            Button sendBack = new Button(getTranslation("record.selfstudy.detail.return"), VaadinIcon.ARROW_BACKWARD.create(),
                    ev -> Confirm.askReason(getTranslation("record.selfstudy.detail.return"),
                            getTranslation("record.selfstudy.detail.return-message"),
                            getTranslation("record.selfstudy.detail.return-reason"), SelfStudy.REASON_MAX,
                            getTranslation("record.selfstudy.detail.return"), reason -> {
                                service.sendBack(e.id(), e.version(), reason);
                                Notices.success("record.selfstudy.detail.returned");
                                close();
                                decided.run();
                            }));
            sendBack.setId("detail-return");
            getFooter().add(close, sendBack, verify);
        } else {
            Span readOnly = new Span(getTranslation("record.selfstudy.detail.read-only"));
            readOnly.setId("detail-read-only");
            readOnly.addClassName("tx-muted");
            add(new Div(readOnly));
            getFooter().add(close);
        }
    }
}
