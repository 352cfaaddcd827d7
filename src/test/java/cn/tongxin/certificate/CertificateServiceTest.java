package cn.tongxin.certificate;

import cn.tongxin.base.DomainException;
import cn.tongxin.IntegrationTest;
import cn.tongxin.rotation.EnrollmentCompleted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CertificateServiceTest {

    @Autowired Completions completions;
    @Autowired CertificateService certificates;

    /** Each test looks up from an address of its own: the lookup limit counts per address. */
    private final String address = "test-" + java.util.UUID.randomUUID();

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_completion_gets_one_unique_number_that_stays_when_the_completion_is_recorded_again() {
        completions.as("organizer");
        var c = completions.startedClass("证甲", "证乙");
        EnrollmentCompleted first = completions.complete(c.classId(), c.personIds().get(0), 2);
        Certificate cert = certificates.ofEnrollment(first.enrollmentId()).orElseThrow();
        assertThat(cert.number()).matches("TX-2026-\\d{6,}-[0-9A-F]{10}");
        assertThat(cert.hours()).isEqualByComparingTo("6");

        EnrollmentCompleted again = completions.complete(c.classId(), c.personIds().get(0), 1);
        Certificate same = certificates.ofEnrollment(again.enrollmentId()).orElseThrow();
        assertThat(same.number()).isEqualTo(cert.number());
        assertThat(same.id()).isEqualTo(cert.id());
        assertThat(same.hours()).as("one of the two sessions attended now").isEqualByComparingTo("3");

        EnrollmentCompleted other = completions.complete(c.classId(), c.personIds().get(1), 2);
        assertThat(certificates.ofEnrollment(other.enrollmentId()).orElseThrow().number()).isNotEqualTo(cert.number());
    }

    @Test
    void a_withdrawn_completion_makes_the_certificate_invalid_and_an_unknown_number_is_not_found() {
        completions.as("organizer");
        var c = completions.startedClass("欧阳明月");
        EnrollmentCompleted done = completions.complete(c.classId(), c.personIds().getFirst(), 2);
        String number = certificates.ofEnrollment(done.enrollmentId()).orElseThrow().number();
        SecurityContextHolder.clearContext();
        Verification v = certificates.verify(number, address).orElseThrow();
        assertThat(v.valid()).isTrue();
        assertThat(v.classTitle()).isEqualTo(c.title());
        assertThat(v.maskedName()).isEqualTo("欧***");

        completions.as("organizer");
        completions.enrollment.markNotCompleted(c.classId(), c.personIds().getFirst());
        SecurityContextHolder.clearContext();
        assertThat(certificates.verify(number, address).orElseThrow().valid()).isFalse();
        assertThat(certificates.verify("TX-2026-999999999", address)).isEmpty();
        assertThat(certificates.verify("' or 1=1 --", address)).isEmpty();
    }

    @Test
    void a_number_cannot_be_guessed_from_its_neighbours_and_one_address_may_only_look_up_a_few() {
        completions.as("organizer");
        var c = completions.startedClass("诸葛亮");
        EnrollmentCompleted done = completions.complete(c.classId(), c.personIds().getFirst(), 2);
        String number = certificates.ofEnrollment(done.enrollmentId()).orElseThrow().number();
        SecurityContextHolder.clearContext();
        String sequencePart = number.substring(0, number.lastIndexOf('-'));
        assertThat(certificates.verify(sequencePart, address)).as("the sequence alone").isEmpty();
        assertThat(certificates.verify(sequencePart + "-0000000000", address)).as("a made-up random part").isEmpty();
        assertThat(certificates.verify(number.toLowerCase(), address)).as("typed in lower case").isPresent();

        for (int i = 3; i < CertificateService.LOOKUPS.tries(); i++) {
            certificates.verify("TX-2026-%06d-0000000000".formatted(i), address);
        }
        assertThatThrownBy(() -> certificates.verify(number, address)).isInstanceOf(DomainException.class)
                .hasMessage("certificate.verify.too-many");
        assertThat(certificates.verify(number, "other-" + address)).as("another address").isPresent();
    }

    @Test
    void the_pdf_embeds_the_chinese_font_and_shows_the_number_and_only_the_owner_or_scope_may_download_it() throws Exception {
        completions.as("organizer");
        var c = completions.startedClass("证丙");
        EnrollmentCompleted done = completions.complete(c.classId(), c.personIds().getFirst(), 2);
        Certificate cert = certificates.ofEnrollment(done.enrollmentId()).orElseThrow();

        byte[] pdf = certificates.pdf(done.enrollmentId(), Locale.SIMPLIFIED_CHINESE);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "certificate-sample.pdf"), pdf); // for a look by eye
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("/FontFile2").contains("WenQuanYi");
        String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
        assertThat(text).contains(cert.number()).contains("/verify/" + cert.number());

        // 青州's organizer manages only its city: the province's class is out of scope.
        completions.as("qingzhou");
        assertThatThrownBy(() -> certificates.pdf(done.enrollmentId(), Locale.SIMPLIFIED_CHINESE))
                .isInstanceOf(AccessDeniedException.class);
    }
}
