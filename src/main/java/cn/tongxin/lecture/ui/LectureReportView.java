package cn.tongxin.lecture.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.lecture.LectureReport;
import cn.tongxin.lecture.LectureReports;
import cn.tongxin.lecture.PhotoContent;
import cn.tongxin.lecture.PhotoFile;
import cn.tongxin.lecture.ReportDraft;
import cn.tongxin.lecture.ReportPhoto;
import cn.tongxin.lecture.ReportStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A lecture's report (宣讲报告): its lecturer files it (attendance prefilled from the sign-ins, a summary, photos)
 * and changes it until it is accepted; an organizer of the lecture's unit accepts it or returns it with a reason;
 * checkers and organizers above read it. Photos show as thumbnails from the database, the original on a click.
 * Open to every signed-in account because the service decides who sees what.
 */
@Route("lectures/:" + LectureReportView.ID + "([0-9]{1,18})/report")
@PermitAll
public class LectureReportView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ID = "id";

    private final LectureReports reports;
    private long lectureId;
    private LectureReport report;
    private final List<PhotoFile> pending = new ArrayList<>();
    private final Set<Long> removed = new HashSet<>();

    LectureReportView(LectureReports reports) {
        this.reports = reports;
        addClassName("tx-page");
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        lectureId = event.getRouteParameters().getLong(ID).orElse(0L);
        pending.clear();
        removed.clear();
        render();
    }

    private void render() {
        removeAll();
        try {
            report = reports.report(lectureId);
        } catch (AccessDeniedException | DomainException e) {
            report = null;
            EmptyState none = new EmptyState("lecture.reports.report.unavailable", "lecture.reports.report.unavailable-hint");
            none.setId("report-unavailable");
            add(none);
            return;
        }
        H2 heading = new H2(report.lectureTitle());
        heading.setId("report-heading");
        heading.getStyle().set("margin", "0");
        Span status = new Span(getTranslation("lecture.reports.status." + (report.status() == null ? "NONE" : report.status().name())));
        status.getElement().getThemeList().add("badge" + (report.status() == ReportStatus.ACCEPTED ? " success"
                : report.status() == ReportStatus.RETURNED ? " error" : ""));
        status.setId("report-status");
        HorizontalLayout meta = new HorizontalLayout(status, new Span(Formats.dateTime(report.startsAt()) + "–"
                + Formats.time(report.endsAt())), new Span(report.unitName()), new Span(report.lecturers()));
        meta.addClassName("tx-filters");
        add(new Span(getTranslation("lecture.reports.report.title")), heading, meta);

        if (report.reviewNote() != null && report.status() != ReportStatus.ACCEPTED) {
            Div note = new Div(new Span(getTranslation("lecture.reports.report.review-note", report.reviewNote())));
            note.addClassName("tx-card");
            note.setId("report-review-note");
            note.getStyle().set("white-space", "pre-wrap");
            add(note);
        }
        if (report.canFile()) {
            form();
        } else {
            readOnly();
        }
        if (report.canReview()) {
            review();
        }
    }

    private void form() {
        IntegerField actual = new IntegerField(getTranslation("lecture.reports.report.actual"));
        actual.setId("report-actual");
        actual.setMin(0);
        actual.setMax(LectureReports.COUNT_MAX);
        actual.setValue(report.actualCount());
        actual.setHelperText(getTranslation("lecture.reports.report.from-sign-ins", report.fromSignIns()));
        TextArea summary = new TextArea(getTranslation("lecture.reports.report.summary"));
        summary.setId("report-summary");
        summary.setWidthFull();
        summary.setMinHeight("10em");
        summary.setMaxLength(LectureReports.SUMMARY_MAX);
        summary.setValue(report.summary());
        summary.setRequired(true);

        H3 photosHead = new H3(getTranslation("lecture.reports.report.photos"));
        Span hint = new Span(getTranslation("lecture.reports.report.photos-hint", LectureReports.PHOTO_BYTES_MAX / 1024 / 1024,
                LectureReports.PHOTOS_MAX));
        hint.addClassName("tx-muted");
        FlexLayout gallery = gallery(true);
        Div pendingList = new Div();
        pendingList.setId("report-pending");
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            pending.add(new PhotoFile(meta.fileName(), bytes));
            showPending(pendingList);
        }));
        upload.setId("report-upload");
        upload.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        upload.setMaxFiles(LectureReports.PHOTOS_MAX);
        upload.setMaxFileSize(LectureReports.PHOTO_BYTES_MAX);
        upload.setUploadButton(new Button(getTranslation("lecture.reports.report.upload"), VaadinIcon.CAMERA.create()));
        upload.setDropLabel(new Span(getTranslation("lecture.reports.report.drop")));
        upload.addFileRejectedListener(e -> Notices.error("lecture.reports.report.upload-rejected",
                LectureReports.PHOTO_BYTES_MAX / 1024 / 1024));
        showPending(pendingList);

        Button submit = new Button(getTranslation(report.filed() ? "lecture.reports.report.resubmit" : "lecture.reports.report.submit"),
                e -> {
                    int count = actual.getValue() == null ? -1 : actual.getValue();
                    if (Notices.attempt(() -> reports.file(lectureId, new ReportDraft(report.filed() ? report.version() : null,
                            count, summary.getValue(), List.copyOf(pending), Set.copyOf(removed))))) {
                        Notices.success("lecture.reports.report.submitted");
                        pending.clear();
                        removed.clear();
                        render();
                    }
                });
        submit.setId("report-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(actual, summary, photosHead, hint, gallery, upload, pendingList, submit);
    }

    private void showPending(Div list) {
        list.removeAll();
        for (PhotoFile p : List.copyOf(pending)) {
            Button drop = new Button(getTranslation("lecture.reports.report.remove-photo"), e -> {
                pending.remove(p);
                showPending(list);
            });
            drop.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            Div row = new Div(new Span(getTranslation("lecture.reports.report.pending", p.fileName())), drop);
            row.addClassName("report-pending-photo");
            list.add(row);
        }
    }

    private void readOnly() {
        if (!report.filed()) {
            Paragraph p = new Paragraph(getTranslation(report.lecturer() && !report.begun()
                    ? "lecture.reports.report.not-begun" : "lecture.reports.report.not-filed"));
            p.setId("report-not-filed");
            add(p);
            return;
        }
        Div actual = new Div(new Span(getTranslation("lecture.reports.report.actual-shown", report.actualCount())));
        actual.setId("report-actual-shown");
        Span fromSignIns = new Span(getTranslation("lecture.reports.report.from-sign-ins", report.fromSignIns()));
        fromSignIns.addClassName("tx-muted");
        Paragraph summary = new Paragraph(report.summary());
        summary.setId("report-summary-shown");
        summary.getStyle().set("white-space", "pre-wrap");
        Span filed = new Span(getTranslation("lecture.reports.report.filed-by", report.filedBy(), Formats.dateTime(report.filedAt())));
        filed.addClassName("tx-muted");
        add(actual, fromSignIns, new H3(getTranslation("lecture.reports.report.summary")), summary, filed);
        if (report.reviewedAt() != null) {
            Span reviewed = new Span(getTranslation("lecture.reports.report.reviewed-by", report.reviewedBy(),
                    Formats.dateTime(report.reviewedAt())));
            reviewed.addClassName("tx-muted");
            add(reviewed);
        }
        add(new H3(getTranslation("lecture.reports.report.photos")), gallery(false));
    }

    /** The thumbnails, each a small JPEG from the database; a click shows the original. */
    private FlexLayout gallery(boolean editable) {
        FlexLayout gallery = new FlexLayout();
        gallery.setId("report-gallery");
        gallery.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        gallery.getStyle().set("gap", "var(--lumo-space-m)");
        if (report.photos().isEmpty() && !editable) {
            gallery.add(new Span(getTranslation("lecture.reports.report.no-photos")));
        }
        for (ReportPhoto p : report.photos()) {
            long photoId = p.id();
            Image thumb = new Image(DownloadHandler.fromInputStream(e -> new DownloadResponse(
                    new ByteArrayInputStream(reports.thumbnail(photoId)), "thumbnail-" + photoId + ".jpg", "image/jpeg", -1)),
                    p.fileName());
            thumb.setId("report-photo-" + photoId);
            thumb.getStyle().set("max-width", "240px").set("max-height", "240px").set("cursor", "zoom-in");
            thumb.addClickListener(e -> showOriginal(p));
            Span name = new Span(p.fileName());
            name.addClassName("tx-muted");
            name.getStyle().set("overflow-wrap", "anywhere");
            Div card = new Div(thumb, new Div(name));
            card.getStyle().set("max-width", "240px");
            if (editable) {
                Button remove = new Button(getTranslation("lecture.reports.report.remove-photo"));
                remove.setId("report-photo-remove-" + photoId);
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                remove.addClickListener(e -> {
                    removed.add(photoId);
                    remove.setEnabled(false);
                    remove.setText(getTranslation("lecture.reports.report.removed"));
                });
                card.add(remove);
            }
            gallery.add(card);
        }
        return gallery;
    }

    private void showOriginal(ReportPhoto p) {
        Dialog d = new Dialog(p.fileName());
        d.setWidth("min(1200px, 100vw)");
        Image full = new Image(DownloadHandler.fromInputStream(e -> {
            PhotoContent c = reports.photo(p.id());
            return new DownloadResponse(new ByteArrayInputStream(c.content()), "photo-" + p.id()
                    + ("image/png".equals(c.contentType()) ? ".png" : ".jpg"), c.contentType(), c.content().length);
        }), p.fileName());
        full.setId("report-photo-full");
        full.getStyle().set("max-width", "100%");
        Button close = new Button(getTranslation("lecture.reports.report.photo-close"), e -> d.close());
        d.add(full);
        d.getFooter().add(close);
        d.open();
    }

    private void review() {
        Button accept = new Button(getTranslation("lecture.reports.report.accept"), VaadinIcon.CHECK.create(), e -> {
            if (Notices.attempt(() -> reports.accept(lectureId, report.version()))) {
                Notices.success("lecture.reports.report.accepted");
                render();
            }
        });
        accept.setId("report-accept");
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        Button sendBack = new Button(getTranslation("lecture.reports.report.return"), VaadinIcon.ARROW_BACKWARD.create(),
                e -> Confirm.askReason(getTranslation("lecture.reports.report.return"),
                        getTranslation("lecture.reports.report.return-message"),
                        getTranslation("lecture.reports.report.return-reason"), LectureReports.REASON_MAX,
                        getTranslation("lecture.reports.report.return"), reason -> {
                            reports.sendBack(lectureId, report.version(), reason);
                            Notices.success("lecture.reports.report.returned");
                            render();
                        }));
        sendBack.setId("report-return");
        HorizontalLayout actions = new HorizontalLayout(accept, sendBack);
        actions.addClassName("tx-filters");
        add(actions);
    }

    @Override
    public String getPageTitle() {
        return report == null ? getTranslation("lecture.reports.report.title")
                : getTranslation("lecture.reports.report.title") + " · " + report.lectureTitle();
    }
}
