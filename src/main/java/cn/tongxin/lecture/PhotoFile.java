package cn.tongxin.lecture;

/** A photo as uploaded: the name the browser gave and the bytes. Its type is decided from the bytes, never the name. */
public record PhotoFile(String fileName, byte[] content) {
}
