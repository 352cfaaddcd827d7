package cn.tongxin.lecture;

import cn.tongxin.base.DomainException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of file a topic's materials may be, told by their first bytes: the extension alone says only what the
 * uploader claims, and a lecturer's computer opens the file by its extension.
 */
final class MaterialTypes {

    static final int MAX_BYTES = 20 * 1024 * 1024;

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    // Office Open XML (docx, pptx, xlsx) is a zip archive.
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    // Word 97–2003, PowerPoint 97–2003, Excel 97–2003: an OLE compound file.
    private static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    record Kind(String label, String contentType, byte[] magic) {
    }

    private static final Map<String, Kind> BY_EXTENSION = Map.of(
            "pdf", new Kind("PDF", "application/pdf", PDF),
            "docx", new Kind("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
            "pptx", new Kind("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
            "xlsx", new Kind("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
            "doc", new Kind("Word", "application/msword", OLE),
            "ppt", new Kind("PowerPoint", "application/vnd.ms-powerpoint", OLE),
            "xls", new Kind("Excel", "application/vnd.ms-excel", OLE),
            "png", new Kind("PNG", "image/png", PNG),
            "jpg", new Kind("JPEG", "image/jpeg", JPEG),
            "jpeg", new Kind("JPEG", "image/jpeg", JPEG));

    /** What the upload dialog lets the browser offer (the server checks again, by content). */
    static final String[] ACCEPTED = BY_EXTENSION.keySet().stream().sorted().map(e -> "." + e).toArray(String[]::new);

    private MaterialTypes() {
    }

    /** The content type of a file whose bytes are what its name says, or a refusal in words. */
    static String check(String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw new DomainException("lecture.catalogue.error.file-empty");
        }
        if (content.length > MAX_BYTES) {
            throw new DomainException("lecture.catalogue.error.file-too-large", MAX_BYTES / 1024 / 1024);
        }
        Kind kind = extension(fileName).map(BY_EXTENSION::get)
                .orElseThrow(() -> new DomainException("lecture.catalogue.error.file-type", fileName));
        if (!startsWith(content, kind.magic())) {
            throw new DomainException("lecture.catalogue.error.file-content", fileName, kind.label());
        }
        return kind.contentType();
    }

    private static Optional<String> extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
