package cn.tongxin.people;

/** Cleans what people type or paste: full-width characters, stray and non-breaking spaces. */
public final class Text {

    private Text() {
    }

    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
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

    /** Normalized, and null when nothing is left. */
    public static String clean(String raw) {
        String s = normalize(raw);
        return s == null || s.isEmpty() ? null : s;
    }
}
