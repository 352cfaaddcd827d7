package cn.tongxin.record;

import cn.tongxin.base.DomainException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Evidence is a PDF, a PNG or a JPEG, and it must be what its name says: the extension decides what the checker's
 * computer opens it with, the first bytes what it is. A {@code .pdf} that is text, or a PNG named {@code .jpg}, is
 * refused, as is anything without one of these extensions.
 */
final class EvidenceTypes {

    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int NAME_MAX = 200;

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    record Kind(String label, String contentType, byte[] magic) {
    }

    private static final Map<String, Kind> BY_EXTENSION = Map.of(
            "pdf", new Kind("PDF", "application/pdf", PDF),
            "png", new Kind("PNG", "image/png", PNG),
            "jpg", new Kind("JPEG", "image/jpeg", JPEG),
            "jpeg", new Kind("JPEG", "image/jpeg", JPEG));

    /** What the upload lets the browser offer (the service checks again, by content). */
    static final String[] ACCEPTED = {"application/pdf", "image/png", "image/jpeg", ".pdf", ".png", ".jpg", ".jpeg"};

    record Checked(String fileName, String contentType, byte[] content, String sha256) {
    }

    private EvidenceTypes() {
    }

    static Checked check(EvidenceFile file) {
        String name = file.fileName() == null ? "" : file.fileName().trim();
        if (name.isEmpty()) {
            throw new DomainException("record.selfstudy.error.file-type", "");
        }
        if (name.length() > NAME_MAX) {
            throw new DomainException("record.selfstudy.error.file-name", NAME_MAX);
        }
        byte[] bytes = file.content();
        if (bytes == null || bytes.length == 0) {
            throw new DomainException("record.selfstudy.error.file-empty", name);
        }
        if (bytes.length > MAX_BYTES) {
            throw new DomainException("record.selfstudy.error.file-too-large", name, MAX_BYTES / 1024 / 1024);
        }
        int dot = name.lastIndexOf('.');
        Kind kind = dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new DomainException("record.selfstudy.error.file-type", name);
        }
        if (!startsWith(bytes, kind.magic())) {
            throw new DomainException("record.selfstudy.error.file-content", name, kind.label());
        }
        return new Checked(name, kind.contentType(), bytes, sha256(bytes));
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
