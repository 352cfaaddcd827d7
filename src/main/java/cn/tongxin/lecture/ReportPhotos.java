package cn.tongxin.lecture;

import cn.tongxin.base.DomainException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The photos of a report: a JPEG or PNG by its first bytes (never by its name), at most {@value #MAX_BYTES} bytes and
 * {@value #MAX_PIXELS} pixels, and a JPEG thumbnail of at most {@value #THUMB} px on its longer side made here, so
 * that a gallery loads a few kilobytes a picture.
 */
final class ReportPhotos {

    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_PHOTOS = 12;
    static final int NAME_MAX = 200;
    static final int THUMB = 240;
    /** A small file can still claim a huge picture (a "decompression bomb"): the size is read before the pixels. */
    static final long MAX_PIXELS = 60_000_000L;

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    record Checked(String fileName, String contentType, byte[] content, byte[] thumbnail) {
    }

    private ReportPhotos() {
    }

    static Checked check(PhotoFile file) {
        String name = file.fileName() == null ? "" : file.fileName().trim();
        if (name.isEmpty()) {
            name = "photo";
        }
        if (name.length() > NAME_MAX) {
            throw new DomainException("lecture.reports.error.file-name", NAME_MAX);
        }
        byte[] bytes = file.content();
        if (bytes == null || bytes.length == 0) {
            throw new DomainException("lecture.reports.error.photo-type", name);
        }
        if (bytes.length > MAX_BYTES) {
            throw new DomainException("lecture.reports.error.photo-too-large", name, MAX_BYTES / 1024 / 1024);
        }
        String type;
        String format;
        if (startsWith(bytes, JPEG)) {
            type = "image/jpeg";
            format = "jpeg";
        } else if (startsWith(bytes, PNG)) {
            type = "image/png";
            format = "png";
        } else {
            throw new DomainException("lecture.reports.error.photo-type", name);
        }
        return new Checked(name, type, bytes, thumbnail(bytes, format, name));
    }

    static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }

    /** Decodes with the reader of the type the magic bytes named, sub-sampling big pictures while reading. */
    static byte[] thumbnail(byte[] bytes, String format, String name) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
                throw new DomainException("lecture.reports.error.photo-too-large", name, MAX_BYTES / 1024 / 1024);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(w, h) / (THUMB * 2));
            param.setSourceSubsampling(step, step, 0, 0);
            image = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            throw new DomainException("lecture.reports.error.photo-unreadable", name);
        } finally {
            reader.dispose();
        }
        double scale = Math.min(1.0, (double) THUMB / Math.max(image.getWidth(), image.getHeight()));
        int tw = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int th = Math.max(1, (int) Math.round(image.getHeight() * scale));
        // JPEG has no alpha: a transparent PNG is put on white.
        BufferedImage thumb = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.drawImage(image, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            if (!ImageIO.write(thumb, "jpeg", out)) {
                throw new IllegalStateException("no ImageIO JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
