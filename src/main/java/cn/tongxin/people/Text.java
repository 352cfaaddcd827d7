package cn.tongxin.people;

/** Cleans what people type or paste: full-width characters, stray and non-breaking spaces. */
public final class Text {

    private Text() {
    }

    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        // One pass, no regular expression: the roster import calls this some 300,000 times for 10,000 rows.
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\u3000' || c == '\u00A0') {
                sb.append(' ');
            } else if (c >= '\uFF01' && c <= '\uFF5E') {
                sb.append((char) (c - 0xFEE0));
            } else {
                sb.append(c);
            }
        }
        String stripped = sb.toString().strip();
        // Runs of ASCII white space (what the regex \s matches) become one space.
        StringBuilder out = new StringBuilder(stripped.length());
        boolean inRun = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (space) {
                if (!inRun) {
                    out.append(' ');
                }
                inRun = true;
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }

    /** Normalized, and null when nothing is left. */
    public static String clean(String raw) {
        String s = normalize(raw);
        return s == null || s.isEmpty() ? null : s;
    }
}
