package cn.tongxin.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The caller of the current request, as the services see it. */
public final class Callers {

    private Callers() {
    }

    public static Optional<Caller> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PortalUser user) {
            return Optional.of(user.caller());
        }
        return Optional.empty();
    }

    /** The caller, or an access-denied error when nobody is signed in. */
    public static Caller require() {
        return current().orElseThrow(() -> new AccessDeniedException("not signed in"));
    }
}
