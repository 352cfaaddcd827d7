package cn.tongxin.audit;

import cn.tongxin.security.LoginRefusedException;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Writes every sign-in (form or remembered) to the audit log, and counts the refused ones: anyone can cause those,
 * so they are aggregated ({@link AuditService#countFailedLogin}) rather than written one row per try.
 */
@Component
class LoginAuditor {

    /** The reasons, as the log shows them. */
    static final String WRONG = AuditDetail.of("login.wrong");
    static final String TOO_MANY = AuditDetail.of("login.too-many");
    static final String DISABLED = AuditDetail.of("login.disabled");

    private final AuditService audit;

    LoginAuditor(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void onSuccess(InteractiveAuthenticationSuccessEvent event) {
        audit.recordAs(event.getAuthentication().getName(), AuditService.LOGIN, "ACCOUNT", null,
                event.getAuthentication().getName(), AuditDetail.of(
                        event.getGeneratedBy().getSimpleName().startsWith("RememberMe") ? "login.remembered" : "login.password"));
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        AuthenticationException failure = event.getException();
        String reason = switch (failure) {
            case BadCredentialsException ignored -> WRONG;
            case DisabledException ignored -> DISABLED;
            case LoginRefusedException ignored -> TOO_MANY;
            default -> AuditDetail.of("login.refused");
        };
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        // Refused tries name whatever the caller likes: they add up per address, without the name.
        audit.countFailedLogin(TOO_MANY.equals(reason) ? null : event.getAuthentication().getName(), reason, address);
    }
}
