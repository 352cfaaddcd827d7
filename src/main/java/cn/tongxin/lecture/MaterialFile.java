package cn.tongxin.lecture;

import java.io.Serializable;

/** A material to download: its bytes, the name it was uploaded with, and the content type its bytes were checked for. */
public record MaterialFile(String fileName, String contentType, byte[] content) implements Serializable {

    /**
     * The name to send in Content-Disposition: the uploaded name with the characters that could end or split the
     * header (quotes, backslashes, control characters) or name a folder replaced, so that a hostile name stays a name.
     */
    public String downloadName() {
        StringBuilder b = new StringBuilder(fileName.length());
        fileName.codePoints().forEach(c -> b.appendCodePoint(
                c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '/' || c == ';' || c == '%' ? '_' : c));
        String name = b.toString().strip();
        return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "material" : name;
    }
}
