package cn.tongxin.certificate;

import cn.tongxin.rotation.CompletionDocuments;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/** Offers the certificate PDF to rotation's screens (my classes, the class roster). */
@Component
class CertificateDocuments implements CompletionDocuments {

    private final CertificateService certificates;

    CertificateDocuments(CertificateService certificates) {
        this.certificates = certificates;
    }

    @Override
    public Optional<String> fileName(long enrollmentId) {
        return certificates.ofEnrollment(enrollmentId).filter(Certificate::valid).map(c -> c.number() + ".pdf");
    }

    @Override
    public byte[] content(long enrollmentId, Locale locale) {
        return certificates.pdf(enrollmentId, locale);
    }
}
