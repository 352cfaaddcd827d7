package cn.tongxin.record.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.record.Archive;
import cn.tongxin.record.ArchiveEntry;
import cn.tongxin.record.NotCompleted;
import cn.tongxin.record.SelfStudyLine;
import cn.tongxin.record.StudyArchive;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadHandler;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One person's study archive (一人一档) for a chosen year: the total against the target, what does not count and
 * why, the classes completed, sessions, lectures and self-study, and the year as a PDF. Every title is set as text.
 * Shared by my/archive and records/person/:id.
 */
class ArchivePanel extends VerticalLayout {

    private final StudyArchive archives;
    private final long personId;
    private final boolean own;
    private final Div body = new Div();

    ArchivePanel(StudyArchive archives, long personId, boolean own) {
        this.archives = archives;
        this.personId = personId;
        this.own = own;
        setPadding(false);
        setWidthFull();
        body.setWidthFull();
        List<Integer> years = archives.years(personId);
        Select<Integer> year = new Select<>();
        year.setId("archive-year");
        year.setItems(years);
        year.setItemLabelGenerator(String::valueOf);
        year.setValue(years.getFirst());
        year.addAttachListener(e -> year.setLabel(getTranslation("record.archive.year")));
        year.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                show(e.getValue());
            }
        });
        add(year, body);
        show(years.getFirst());
    }

    private void show(int year) {
        body.removeAll();
        Archive a = archives.archive(personId, year);
        if (!own) {
            H2 who = new H2(a.personName());
            who.setId("archive-person");
            body.add(who);
        }
        Span hours = new Span(getTranslation("record.archive.hours", String.valueOf(year), plain(a.countedHours())));
        hours.setId("archive-hours");
        hours.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("font-weight", "600");
        body.add(new Div(hours));
        progress(a);
        body.add(pdfLink(year, a.personName()));
        if (a.isEmpty()) {
            EmptyState empty = new EmptyState("record.archive.empty", own ? "record.archive.empty-hint" : "record.archive.empty-hint-other");
            empty.setId("archive-empty");
            body.add(empty);
            return;
        }
        Span notCounted = new Span(getTranslation("record.hours.not-counted", a.absentCount(), plain(a.absentHours()), a.leaveCount(),
                plain(a.leaveHours()), a.notCompleted().size(), plain(a.selfStudyOverCap()), a.selfStudyNotVerified(),
                a.completed().size()));
        notCounted.setId("archive-hours-why");
        notCounted.addClassName("tx-muted");
        body.add(new Div(notCounted));
        section("completed", "record.archive.completed", a.completed());
        section("sessions", "record.archive.sessions", a.sessions());
        section("lectures", "record.archive.lectures", a.lectures());
        selfStudy(a.selfStudy());
        if (!a.notCompleted().isEmpty()) {
            body.add(new H3(getTranslation("record.archive.not-completed")));
            Div list = new Div();
            list.setId("archive-not-completed");
            for (NotCompleted n : a.notCompleted()) {
                Div row = new Div();
                row.addClassName("tx-card");
                row.setId("archive-nc-" + n.classId());
                Span title = new Span(n.title());
                title.setId("archive-nc-title-" + n.classId());
                Span why = new Span(" · " + n.endDate() + " · " + getTranslation("record.archive.reason.NOT_COMPLETED"));
                why.addClassName("tx-muted");
                row.add(title, why);
                list.add(row);
            }
            body.add(list);
        }
    }

    /** The year's total against the person's target, and how much of it is self-study. */
    private void progress(Archive a) {
        Span of = new Span(getTranslation("record.hours.progress", plain(a.countedHours()), plain(a.target())));
        of.setId("archive-progress");
        ProgressBar bar = new ProgressBar(0, 1, a.target().signum() == 0 ? 1
                : Math.min(1, a.countedHours().doubleValue() / a.target().doubleValue()));
        bar.setId("archive-progress-bar");
        bar.setWidth("min(100%, 28rem)");
        Span split = new Span(getTranslation("record.hours.breakdown", plain(a.countedHours().subtract(a.selfStudyCounted())),
                plain(a.selfStudyCounted())));
        split.setId("archive-breakdown");
        split.addClassName("tx-muted");
        body.add(new Div(of), bar, new Div(split));
    }

    /** The archive of the year as a PDF, fetched through the service at the click (its scope check and audit apply then). */
    private Anchor pdfLink(int year, String name) {
        Locale locale = getLocale();
        DownloadHandler handler = event -> {
            byte[] pdf = archives.pdf(personId, year, locale);
            event.setFileName("archive-" + personId + "-" + year + ".pdf");
            event.setContentType("application/pdf");
            event.setContentLength(pdf.length);
            event.getOutputStream().write(pdf);
        };
        Anchor link = new Anchor(handler, AttachmentType.DOWNLOAD, getTranslation("record.hours.pdf"));
        link.setId("archive-pdf");
        return link;
    }

    /** Self-study of the year: verified entries with what their caps let count, and those not verified. */
    private void selfStudy(List<SelfStudyLine> lines) {
        body.add(new H3(getTranslation("record.hours.selfstudy") + " (" + lines.size() + ")"));
        Div list = new Div();
        list.setId("archive-selfstudy");
        list.setWidthFull();
        if (lines.isEmpty()) {
            Span none = new Span(getTranslation("record.archive.none"));
            none.addClassName("tx-muted");
            list.add(none);
        }
        for (SelfStudyLine l : lines) {
            Div row = new Div();
            row.addClassName("tx-card");
            row.setId("archive-ss-" + l.entryId());
            Span title = new Span(l.title());
            title.setId("archive-ss-title-" + l.entryId());
            title.getStyle().set("font-weight", "600");
            row.add(new Div(title));
            Span what = new Span(l.studiedOn() + " · " + getTranslation("record.archive.hours-of", plain(l.hours())));
            what.addClassName("tx-muted");
            row.add(new Div(what));
            Span counted = new Span(getTranslation("record.hours.counted-of", plain(l.counted()), plain(l.hours())));
            counted.getElement().getThemeList().add(l.recordId() != null ? "badge success" : "badge contrast");
            counted.setId("archive-ss-counted-" + l.entryId());
            Span reason = new Span(l.reason() == null ? getTranslation("record.hours.counts")
                    : getTranslation("record.hours.reason." + l.reason()));
            reason.setId("archive-ss-reason-" + l.entryId());
            reason.addClassName("tx-muted");
            row.add(new Div(counted, new Span(" "), reason));
            list.add(row);
        }
        body.add(list);
    }

    private void section(String id, String titleKey, List<ArchiveEntry> entries) {
        body.add(new H3(getTranslation(titleKey) + " (" + entries.size() + ")"));
        Div list = new Div();
        list.setId("archive-" + id);
        list.setWidthFull();
        if (entries.isEmpty()) {
            Span none = new Span(getTranslation("record.archive.none"));
            none.addClassName("tx-muted");
            list.add(none);
        }
        for (ArchiveEntry e : entries) {
            Div row = new Div();
            row.addClassName("tx-card");
            row.setId("archive-record-" + e.id());
            Span title = new Span(e.title());
            title.setId("archive-title-" + e.id());
            title.getStyle().set("font-weight", "600");
            row.add(new Div(title));
            Span what = new Span(Formats.dateTime(e.occurredAt()) + (e.context().isBlank() ? "" : " · " + e.context())
                                 + " · " + getTranslation("record.archive.hours-of", plain(e.hours())));
            what.addClassName("tx-muted");
            row.add(new Div(what));
            Span state = new Span(e.status() == null ? getTranslation("record.archive.completed-badge")
                    : getTranslation("attendance.status." + e.status()));
            state.getElement().getThemeList().add(e.counts() || e.status() == null ? "badge success" : "badge contrast");
            state.setId("archive-status-" + e.id());
            Span counts = new Span(getTranslation(e.counts() ? "record.archive.counts"
                    : e.status() == null ? "record.archive.reason.COMPLETION" : "record.archive.reason." + e.status()));
            counts.setId("archive-counts-" + e.id());
            counts.addClassName("tx-muted");
            row.add(new Div(state, new Span(" "), counts));
            list.add(row);
        }
        body.add(list);
    }

    private static String plain(BigDecimal hours) {
        return hours.stripTrailingZeros().toPlainString();
    }
}
