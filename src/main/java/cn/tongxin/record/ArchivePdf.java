package cn.tongxin.record;

import cn.tongxin.base.PdfFont;
import cn.tongxin.Application;
import cn.tongxin.base.Translations;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A person's archive for a year as an A4 PDF: the total against the target, what does not count and why, and every
 * list. The WenQuanYi Micro Hei font is embedded (subset), as the certificates do; every text is set as text.
 */
@Component
class ArchivePdf {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    byte[] render(Archive a, Locale locale, Instant now) {
        BaseFont base = PdfFont.chinese();
        Font title = new Font(base, 20, Font.NORMAL, new Color(0xB0, 0x1E, 0x23));
        Font head = new Font(base, 13, Font.NORMAL, Color.BLACK);
        Font body = new Font(base, 10, Font.NORMAL, Color.BLACK);
        Font small = new Font(base, 9, Font.NORMAL, Color.DARK_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
        PdfWriter.getInstance(doc, out);
        doc.addTitle(t(locale, "record.hours.pdf.title", a.personName(), a.year()));
        doc.open();
        Paragraph p = new Paragraph(t(locale, "record.hours.pdf.title", a.personName(), a.year()), title);
        p.setAlignment(Element.ALIGN_CENTER);
        p.setSpacingAfter(12);
        doc.add(p);
        doc.add(new Paragraph(t(locale, "record.hours.progress", plain(a.countedHours()), plain(a.target())), head));
        doc.add(new Paragraph(t(locale, "record.hours.breakdown", plain(a.countedHours().subtract(a.selfStudyCounted())),
                plain(a.selfStudyCounted())), body));
        doc.add(new Paragraph(t(locale, "record.hours.not-counted", a.absentCount(), plain(a.absentHours()), a.leaveCount(),
                plain(a.leaveHours()), a.notCompleted().size(), plain(a.selfStudyOverCap()), a.selfStudyNotVerified(),
                a.completed().size()), small));
        records(doc, t(locale, "record.hours.pdf.completed"), a.completed(), locale, head, body);
        records(doc, t(locale, "record.hours.pdf.sessions"), a.sessions(), locale, head, body);
        records(doc, t(locale, "record.hours.pdf.lectures"), a.lectures(), locale, head, body);
        section(doc, t(locale, "record.hours.selfstudy"), head);
        PdfPTable table = table(locale, body);
        for (SelfStudyLine s : a.selfStudy()) {
            row(table, body, DAY.format(s.studiedOn()), s.title(), plain(s.hours()), plain(s.counted()),
                    s.reason() == null ? t(locale, "record.hours.counts") : t(locale, "record.hours.reason." + s.reason()));
        }
        doc.add(table);
        for (NotCompleted n : a.notCompleted()) {
            doc.add(new Paragraph(n.title() + " · " + n.endDate() + " · " + t(locale, "record.hours.pdf.not-completed"), small));
        }
        Paragraph made = new Paragraph(t(locale, "record.hours.pdf.made", DAY.format(now.atZone(Application.ZONE))), small);
        made.setAlignment(Element.ALIGN_RIGHT);
        made.setSpacingBefore(16);
        doc.add(made);
        doc.close();
        return out.toByteArray();
    }

    private static void records(Document doc, String name, List<ArchiveEntry> entries, Locale locale, Font head, Font body) {
        section(doc, name, head);
        PdfPTable table = table(locale, body);
        for (ArchiveEntry e : entries) {
            String why = e.counts() ? t(locale, "record.hours.counts")
                    : e.status() == null ? t(locale, "record.hours.reason.COMPLETION") : t(locale, "record.hours.reason." + e.status());
            row(table, body, DAY.format(e.occurredAt().atZone(Application.ZONE)), e.title(), plain(e.hours()),
                    plain(e.counts() ? e.hours() : BigDecimal.ZERO), why);
        }
        doc.add(table);
    }

    private static void section(Document doc, String name, Font head) {
        Paragraph p = new Paragraph(name, head);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        doc.add(p);
    }

    private static PdfPTable table(Locale locale, Font body) {
        PdfPTable table = new PdfPTable(new float[]{2.2f, 6f, 1.3f, 1.3f, 3f});
        table.setWidthPercentage(100);
        row(table, body, t(locale, "record.hours.col.date"), t(locale, "record.hours.col.title"), t(locale, "record.hours.col.hours"),
                t(locale, "record.hours.col.counted"), t(locale, "record.hours.col.why"));
        return table;
    }

    private static void row(PdfPTable table, Font font, String... cells) {
        for (String c : cells) {
            table.addCell(new PdfPCell(new Phrase(c, font)));
        }
    }

    private static String plain(BigDecimal hours) {
        return hours.stripTrailingZeros().toPlainString();
    }

    private static String t(Locale locale, String key, Object... args) {
        return Translations.get(locale, key, args);
    }
}
