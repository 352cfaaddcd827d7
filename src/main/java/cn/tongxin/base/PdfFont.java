package cn.tongxin.base;

import org.openpdf.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Chinese font every PDF of the portal embeds (WenQuanYi Micro Hei, subset): read once from the classpath, a
 * fresh {@link BaseFont} per document (OpenPDF keeps the subset's glyphs in it).
 */
public final class PdfFont {

    private static final String FONT = "/fonts/wqy-microhei.ttc";
    private static volatile byte[] bytes;

    private PdfFont() {
    }

    public static BaseFont chinese() {
        try {
            return BaseFont.createFont("wqy-microhei.ttc,0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes() {
        if (bytes == null) {
            try (InputStream in = PdfFont.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + FONT);
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }
}
