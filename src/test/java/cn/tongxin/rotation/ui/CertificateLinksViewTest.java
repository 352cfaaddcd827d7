package cn.tongxin.rotation.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.certificate.Completions;
import cn.tongxin.rotation.CompletionDocuments;
import cn.tongxin.rotation.EnrollmentCompleted;
import cn.tongxin.rotation.EnrollmentService;
import com.vaadin.flow.component.html.Anchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A trainee downloads the certificate of a completed class from "my classes"; the organizer from the roster. */
class CertificateLinksViewTest extends ViewTest {

    @Autowired Completions completions;
    @Autowired EnrollmentService enrollment;
    @Autowired CompletionDocuments documents;

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void the_trainee_finds_a_certificate_link_on_a_completed_class_and_may_fetch_their_pdf() {
        completions.as("organizer"); // the demo's trainee account is person #1
        var c = completions.startedClass();
        enrollment.enroll(c.classId(), List.of(1L), false);
        EnrollmentCompleted done = completions.complete(c.classId(), 1L, 2);

        completions.as("trainee");
        navigate(MyClassesView.class);
        Anchor link = $(Anchor.class).id("certificate-" + c.classId());
        assertThat(link.getText()).isEqualTo("下载结业证书");
        assertThat(documents.fileName(done.enrollmentId())).get().asString().matches("TX-2026-\\d{6,}-[0-9A-F]{10}\\.pdf");
        byte[] pdf = documents.content(done.enrollmentId(), Locale.SIMPLIFIED_CHINESE);
        assertThat(new String(pdf, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
    }
}
