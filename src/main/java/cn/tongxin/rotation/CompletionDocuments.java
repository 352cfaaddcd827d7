package cn.tongxin.rotation;

import java.util.Locale;
import java.util.Optional;

/**
 * A hook for the document that proves a completion (the certificate), implemented by a module that depends on
 * rotation, so rotation's screens can offer the download without depending on it. Absent when no module offers one.
 */
public interface CompletionDocuments {

    /** The file name of the enrollment's document, when there is one the caller may download. */
    Optional<String> fileName(long enrollmentId);

    /** The document (PDF) of the enrollment. */
    byte[] content(long enrollmentId, Locale locale);
}
