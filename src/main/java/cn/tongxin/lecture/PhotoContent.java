package cn.tongxin.lecture;

/** A photo's bytes with what a download needs. */
public record PhotoContent(String fileName, String contentType, byte[] content) {
}
