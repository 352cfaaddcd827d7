package cn.tongxin.record;

/** An evidence file's bytes with what a download needs. */
public record EvidenceContent(String fileName, String contentType, byte[] content) {
}
