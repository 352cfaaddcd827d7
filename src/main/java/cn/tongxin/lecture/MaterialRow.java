package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.Instant;

/** A material of a topic, without its bytes. */
public record MaterialRow(long id, long topicId, String topicTitle, String fileName, String contentType, int sizeBytes,
                          String sha256, String uploadedBy, Instant uploadedAt, boolean manageable) implements Serializable {
}
