package cn.tongxin.record.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.base.ui.UnsavedChanges;
import cn.tongxin.record.EvidenceFile;
import cn.tongxin.record.EvidenceInfo;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SelfStudyDraft;
import cn.tongxin.record.SelfStudyEntry;
import cn.tongxin.record.SelfStudyKind;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dialog in which a trainee enters a self-study, or corrects a returned one. Each file is checked the moment it
 * arrives (the service checks again on submit) so that a refused file is named at once.
 */
class SelfStudyForm extends Dialog {

    private final List<EvidenceFile> pending = new ArrayList<>();
    private final Set<Long> dropped = new HashSet<>();
    private final Div pendingList = new Div();

    SelfStudyForm(SelfStudy service, SelfStudyEntry returned, LocalDate today, Runnable saved) {
        setHeaderTitle(getTranslation(returned == null ? "record.selfstudy.form.title" : "record.selfstudy.form.resubmit-title"));
        setWidth("min(640px, 100vw)");
        TextField title = new TextField(getTranslation("record.selfstudy.form.what"));
        title.setId("self-study-title");
        title.setWidthFull();
        title.setRequired(true);
        title.setMaxLength(SelfStudy.TITLE_MAX);
        DatePicker date = new DatePicker(getTranslation("record.selfstudy.form.date"));
        date.setId("self-study-date");
        date.setRequired(true);
        date.setMax(today);
        date.setValue(today);
        Select<SelfStudyKind> kind = new Select<>();
        kind.setId("self-study-kind");
        kind.setLabel(getTranslation("record.selfstudy.form.kind"));
        kind.setItems(SelfStudyKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("record.selfstudy.kind." + k.name()));
        kind.setValue(SelfStudyKind.READING);
        BigDecimalField hours = new BigDecimalField(getTranslation("record.selfstudy.form.hours"));
        hours.setId("self-study-hours");
        hours.setRequiredIndicatorVisible(true);
        TextArea note = new TextArea(getTranslation("record.selfstudy.form.note"));
        note.setId("self-study-note");
        note.setWidthFull();
        note.setMaxLength(SelfStudy.NOTE_MAX);
        if (returned != null) {
            title.setValue(returned.title());
            date.setValue(returned.studiedOn());
            kind.setValue(returned.kind());
            hours.setValue(returned.hours());
            note.setValue(returned.note() == null ? "" : returned.note());
        }

        Span hint = new Span(getTranslation("record.selfstudy.form.evidence-hint", SelfStudy.FILE_BYTES_MAX / 1024 / 1024,
                SelfStudy.FILES_MAX));
        hint.addClassName("tx-muted");
        pendingList.setId("self-study-pending");
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            EvidenceFile file = new EvidenceFile(meta.fileName(), bytes);
            if (Notices.attempt(() -> SelfStudy.checkFile(file))) {
                pending.add(file);
                showPending();
            }
        }));
        upload.setId("self-study-upload");
        upload.setAcceptedFileTypes(SelfStudy.ACCEPTED.toArray(String[]::new));
        upload.setMaxFiles(SelfStudy.FILES_MAX);
        upload.setMaxFileSize(SelfStudy.FILE_BYTES_MAX);
        upload.setUploadButton(new Button(getTranslation("record.selfstudy.form.upload"), VaadinIcon.UPLOAD.create()));
        upload.setDropLabel(new Span(getTranslation("record.selfstudy.form.drop")));
        upload.addFileRejectedListener(e -> Notices.error("record.selfstudy.form.upload-rejected",
                SelfStudy.FILE_BYTES_MAX / 1024 / 1024));

        Div kept = new Div();
        kept.setId("self-study-kept");
        if (returned != null) {
            for (EvidenceInfo f : returned.evidence()) {
                Button drop = new Button(getTranslation("record.selfstudy.form.remove"));
                drop.setId("self-study-drop-" + f.id());
                drop.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                drop.addClickListener(e -> {
                    dropped.add(f.id());
                    drop.setEnabled(false);
                    drop.setText(getTranslation("record.selfstudy.form.removed"));
                });
                Span name = new Span(f.fileName());
                name.getStyle().set("overflow-wrap", "anywhere");
                kept.add(new Div(name, drop));
            }
        }
        VerticalLayout body = new VerticalLayout(title, date, kind, hours, note,
                new Span(getTranslation("record.selfstudy.form.evidence")), hint, kept, upload, pendingList);
        body.setPadding(false);
        add(body);
        UnsavedChanges changes = UnsavedChanges.ofDialog(this, title, note);
        Button submit = new Button(getTranslation("record.selfstudy.form.submit"), e -> {
            SelfStudyDraft draft = new SelfStudyDraft(title.getValue(), date.getValue(), kind.getValue(), hours.getValue(),
                    note.getValue());
            if (Notices.attempt(() -> {
                if (returned == null) {
                    service.submit(draft, List.copyOf(pending));
                } else {
                    service.resubmit(returned.id(), returned.version(), draft, List.copyOf(pending), Set.copyOf(dropped));
                }
            })) {
                Notices.success("record.selfstudy.mine.saved");
                changes.closeSaved();
                saved.run();
            }
        });
        submit.setId("self-study-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("record.selfstudy.form.cancel"), e -> close());
        cancel.setId("self-study-cancel");
        getFooter().add(cancel, submit);
    }

    private void showPending() {
        pendingList.removeAll();
        for (EvidenceFile f : List.copyOf(pending)) {
            Button drop = new Button(getTranslation("record.selfstudy.form.remove"), e -> {
                pending.remove(f);
                showPending();
            });
            drop.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            pendingList.add(new Div(new Span(getTranslation("record.selfstudy.form.pending", f.fileName())), drop));
        }
    }
}
