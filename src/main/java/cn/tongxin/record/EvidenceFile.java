package cn.tongxin.record;

/** An evidence file as uploaded: the name the browser gave and the bytes, checked against each other by the service. */
public record EvidenceFile(String fileName, byte[] content) {
}
