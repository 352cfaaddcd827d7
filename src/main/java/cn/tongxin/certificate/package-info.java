/**
 * Completion certificates (结业证书): one numbered certificate per completed enrollment, issued when rotation
 * publishes {@link cn.tongxin.rotation.EnrollmentCompleted}; its PDF, and a public check of a number.
 * The public face: {@link cn.tongxin.certificate.CertificateService} and its records. Depends on rotation, never
 * the reverse (rotation offers downloads through its {@link cn.tongxin.rotation.CompletionDocuments} hook).
 */
package cn.tongxin.certificate;
