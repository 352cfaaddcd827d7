package cn.tongxin.lecture.ui;

import cn.tongxin.Application;
import cn.tongxin.base.Formats;
import cn.tongxin.lecture.LectureStatus;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** How a lecture looks wherever it is shown: its status as a badge and as a colour, its time in Shanghai time. */
final class LectureLook {

    private LectureLook() {
    }

    static Span badge(LectureStatus s) {
        Span badge = new Span(UI.getCurrent().getTranslation("lecture.status." + s));
        badge.getElement().getThemeList().add("badge" + switch (s) {
            case PLANNED -> " contrast";
            case PUBLISHED -> "";
            case HELD -> " success";
            case CANCELLED -> " error";
        });
        return badge;
    }

    /** The chip's accent (Lumo colours, so that no stylesheet is needed). */
    static String colour(LectureStatus s) {
        return switch (s) {
            case PLANNED -> "var(--lumo-contrast-50pct)";
            case PUBLISHED -> "var(--lumo-primary-color)";
            case HELD -> "var(--lumo-success-color)";
            case CANCELLED -> "var(--lumo-error-color)";
        };
    }

    static String background(LectureStatus s) {
        return switch (s) {
            case PLANNED -> "var(--lumo-contrast-5pct)";
            case PUBLISHED -> "var(--lumo-primary-color-10pct)";
            case HELD -> "var(--lumo-success-color-10pct)";
            case CANCELLED -> "var(--lumo-error-color-10pct)";
        };
    }

    /** "2026-12-08 10:00–12:00" (the end's date too when it is another day). */
    static String when(Instant start, Instant end) {
        boolean sameDay = day(start).equals(day(end));
        return Formats.dateTime(start) + "–" + (sameDay ? Formats.time(end) : Formats.dateTime(end));
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, Application.ZONE);
    }

    static Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(Application.ZONE).toInstant();
    }

    static LocalDateTime local(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, Application.ZONE);
    }
}
