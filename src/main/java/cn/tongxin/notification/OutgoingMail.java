package cn.tongxin.notification;

/**
 * One mail to one recipient. {@code attachment} may be null (e.g. an invitation's {@code .ics}).
 */
public record OutgoingMail(String to, String subject, String body, Attachment attachment) {

    public OutgoingMail {
        if (to == null || !to.contains("@")) {
            throw new IllegalArgumentException("recipient");
        }
        if (subject == null || subject.isBlank() || body == null) {
            throw new IllegalArgumentException("subject and body");
        }
    }

    public OutgoingMail(String to, String subject, String body) {
        this(to, subject, body, null);
    }

    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
