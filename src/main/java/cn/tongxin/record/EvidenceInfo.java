package cn.tongxin.record;

import java.io.Serializable;

/** A stored evidence file, without its bytes (those come through {@link SelfStudy#evidence}). */
public record EvidenceInfo(long id, String fileName, String contentType, int sizeBytes, String sha256) implements Serializable {

    public boolean image() {
        return contentType.startsWith("image/");
    }
}
