package cn.tongxin.certificate;

import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class CertificatePdfTest {

    private final CertificatePdf pdf = new CertificatePdf();

    @Test
    void no_line_of_the_certificate_text_starts_with_a_comma_or_a_full_stop_whatever_the_title_length() throws Exception {
        List<String> badLines = new ArrayList<>();
        int wrapped = 0;
        for (int length = 1; length <= 45; length++) {
            String title = "全省民主党派骨干轮训班第一期学习贯彻会议精神专题研讨班".repeat(3).substring(0, length);
            Certificate c = new Certificate(1, "TX-2026-000001-0123456789", 1, 1, "张三", 1, title, "江川省委统战部",
                    LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 3), new BigDecimal("18"), Instant.parse("2026-05-03T08:00:00Z"),
                    true);
            String text = new PdfTextExtractor(new PdfReader(pdf.render(c, "http://localhost/verify/x", Locale.SIMPLIFIED_CHINESE)))
                    .getTextFromPage(1);
            List<String> body = text.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .dropWhile(l -> !l.startsWith("于")).takeWhile(l -> !l.equals("江川省委统战部")).toList();
            wrapped += body.size() > 1 ? 1 : 0;
            body.stream().skip(1).filter(l -> CertificatePdf.ChineseLineBreaks.NO_LINE_START.indexOf(l.charAt(0)) >= 0)
                    .forEach(l -> badLines.add(title.length() + ": " + l));
        }
        assertThat(wrapped).as("titles long enough to wrap the text").isGreaterThan(20);
        assertThat(badLines).isEmpty();
    }
}
