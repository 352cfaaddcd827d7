package cn.tongxin.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Writes every sign-in (form or remembered) and every refused sign-in to the audit log. */
@Component
class LoginAuditor {

    private final AuditService audit;

    LoginAuditor(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void onSuccess(InteractiveAuthenticationSuccessEvent event) {
        audit.recordAs(event.getAuthentication().getName(), AuditService.LOGIN, "ACCOUNT", null,
                event.getAuthentication().getName(), event.getGeneratedBy().getSimpleName());
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        audit.recordAs(String.valueOf(event.getAuthentication().getName()), AuditService.LOGIN_FAILED, "ACCOUNT", null,
                String.valueOf(event.getAuthentication().getName()), event.getException().getClass().getSimpleName());
    }
}
