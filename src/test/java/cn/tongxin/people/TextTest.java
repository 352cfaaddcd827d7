package cn.tongxin.people;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void full_width_characters_and_stray_spaces_are_cleaned() {
        assertThat(Text.normalize("  许　清 ")).isEqualTo("许 清");
        assertThat(Text.normalize("１３９\u00A01234\t\n 5678")).isEqualTo("139 1234 5678");
        assertThat(Text.normalize("（民盟）")).isEqualTo("(民盟)");
        assertThat(Text.clean(" \u3000 ")).isNull();
        assertThat(IdCard.normalize(" １１０１０５ 19491231 002x ")).isEqualTo("11010519491231002X");
    }

    /** The one-pass version does exactly what the regular-expression version did. */
    @Test
    void normalize_matches_the_regular_expression_definition() {
        Random random = new Random(7);
        String alphabet = " \t\n\r\f\u000B\u3000\u00A0\u2003ａ１，x张";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = sb.toString();
            assertThat(Text.normalize(raw)).as("'%s'", raw).isEqualTo(byRegex(raw));
        }
    }

    private static String byRegex(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            if (c == '\u3000' || c == '\u00A0') {
                sb.append(' ');
            } else if (c >= '\uFF01' && c <= '\uFF5E') {
                sb.append((char) (c - 0xFEE0));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().strip().replaceAll("\\s+", " ");
    }

    @Test
    void id_numbers_are_checked_by_gb_11643() {
        assertThat(IdCard.isValid("11010519491231002X")).isTrue();
        assertThat(IdCard.isValid("110105194912310021")).isFalse();
        assertThat(IdCard.isValid("11010519491231002x")).isFalse();
        assertThat(IdCard.isValid("1101051949123100X2")).isFalse();
        assertThat(IdCard.isValid("11010519491331002X")).as("month 13").isFalse();
        assertThat(IdCard.isValid("1101051949123100")).isFalse();
        assertThat(IdCard.isValid(null)).isFalse();
    }
}
