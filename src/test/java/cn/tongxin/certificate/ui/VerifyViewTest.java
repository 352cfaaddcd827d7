package cn.tongxin.certificate.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.certificate.CertificateService;
import cn.tongxin.certificate.Completions;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** The public verification page: valid or not, the class, never the holder's full name. */
class VerifyViewTest extends ViewTest {

    @Autowired Completions completions;
    @Autowired CertificateService certificates;

    @AfterEach
    void logout() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_visitor_sees_a_real_number_valid_with_the_class_and_a_made_up_one_not_valid() {
        completions.as("organizer");
        var c = completions.startedClass("司马相如");
        var done = completions.complete(c.classId(), c.personIds().getFirst(), 2);
        String number = certificates.ofEnrollment(done.enrollmentId()).orElseThrow().number();
        SecurityContextHolder.clearContext();

        VerifyView view = navigate("verify/" + number, VerifyView.class);
        String text = view.getElement().getTextRecursively();
        assertThat($(Div.class).id("verify-result").getElement().getTextRecursively()).contains("证书有效");
        assertThat(text).contains(c.title()).contains(number).contains("司***").doesNotContain("司马相如");

        navigate("verify/TX-2026-000001-0000000000", VerifyView.class);
        assertThat($(Div.class).id("verify-result").getElement().getTextRecursively()).contains("证书无效");
    }
}
