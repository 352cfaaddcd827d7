package cn.tongxin.certificate;

import cn.tongxin.base.PdfFont;
import cn.tongxin.Application;
import cn.tongxin.base.Translations;
import cn.tongxin.base.ui.QrCodes;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.DefaultSplitCharacter;
import org.openpdf.text.pdf.PdfChunk;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Locale;

/** Renders a certificate as a one-page A4 landscape PDF, with the WenQuanYi Micro Hei font embedded (subset). */
@Component
class CertificatePdf {

    byte[] render(Certificate c, String verifyUrl, Locale locale) {
        try {
            BaseFont base = PdfFont.chinese();
            Color red = new Color(0xB0, 0x1E, 0x23);
            Font title = new Font(base, 36, Font.NORMAL, red);
            Font name = new Font(base, 24, Font.NORMAL, Color.BLACK);
            Font body = new Font(base, 15, Font.NORMAL, Color.BLACK);
            Font small = new Font(base, 10, Font.NORMAL, Color.DARK_GRAY);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document doc = new Document(PageSize.A4.rotate(), 72, 72, 64, 56);
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.addTitle(t(locale, "certificate.pdf.title") + " " + c.number());
            doc.open();

            PdfContentByte canvas = writer.getDirectContentUnder();
            canvas.setColorStroke(red);
            canvas.setLineWidth(3f);
            canvas.rectangle(28, 28, doc.getPageSize().getWidth() - 56, doc.getPageSize().getHeight() - 56);
            canvas.stroke();
            canvas.setLineWidth(0.8f);
            canvas.rectangle(36, 36, doc.getPageSize().getWidth() - 72, doc.getPageSize().getHeight() - 72);
            canvas.stroke();

            Paragraph head = new Paragraph(t(locale, "certificate.pdf.title"), title);
            head.setAlignment(Element.ALIGN_CENTER);
            head.setSpacingAfter(28);
            doc.add(head);

            Paragraph who = new Paragraph(t(locale, "certificate.pdf.holder", c.personName()), name);
            who.setSpacingAfter(14);
            doc.add(who);

            Chunk bodyText = new Chunk(t(locale, "certificate.pdf.body", c.startDate().toString(),
                    c.endDate().toString(), c.classTitle(), c.hours().stripTrailingZeros().toPlainString()), body);
            bodyText.setSplitCharacter(ChineseLineBreaks.INSTANCE);
            Paragraph text = new Paragraph(bodyText);
            text.setLeading(28);
            text.setFont(body);
            text.setFirstLineIndent(30);
            text.setSpacingAfter(30);
            doc.add(text);

            LocalDate issued = LocalDate.ofInstant(c.issuedAt(), Application.ZONE);
            Paragraph unit = new Paragraph(c.unitName(), body);
            unit.setAlignment(Element.ALIGN_RIGHT);
            doc.add(unit);
            Paragraph date = new Paragraph(issued.toString(), body);
            date.setAlignment(Element.ALIGN_RIGHT);
            doc.add(date);

            Image qr = Image.getInstance(QrCodes.png(verifyUrl, 240));
            qr.scaleAbsolute(96, 96);
            qr.setAbsolutePosition(56, 70);
            doc.add(qr);
            PdfContentByte over = writer.getDirectContent();
            over.beginText();
            over.setFontAndSize(base, 10);
            over.setColorFill(Color.DARK_GRAY);
            over.setTextMatrix(160, 118);
            over.showText(t(locale, "certificate.pdf.number", c.number()));
            over.setTextMatrix(160, 100);
            over.showText(t(locale, "certificate.pdf.verify-hint"));
            over.setTextMatrix(160, 82);
            over.showText(verifyUrl);
            over.endText();
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String t(Locale locale, String key, Object... args) {
        return Translations.get(locale, key, args);
    }

    /**
     * Chinese line breaking (禁则处理): no line starts with closing punctuation (，。、 …) and none ends with opening
     * punctuation (（《 …); the character before such a mark goes to the next line with it.
     */
    static final class ChineseLineBreaks extends DefaultSplitCharacter {

        static final ChineseLineBreaks INSTANCE = new ChineseLineBreaks();
        static final String NO_LINE_START = "，。、；：？！）》」』】〕〉”’…—·,.;:?!)";
        static final String NO_LINE_END = "（《「『【〔〈“‘(";

        @Override
        public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
            if (NO_LINE_END.indexOf(getCurrentCharacter(current, cc, ck)) >= 0) {
                return false;
            }
            if (current + 1 < end && NO_LINE_START.indexOf(getCurrentCharacter(current + 1, cc, ck)) >= 0) {
                return false;
            }
            return super.isSplitCharacter(start, current, end, cc, ck);
        }
    }
}
