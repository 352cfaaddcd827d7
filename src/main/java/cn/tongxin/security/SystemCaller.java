package cn.tongxin.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;

/** Runs work that no person started (demo data, scheduled jobs) as the system, with full rights. */
public final class SystemCaller {

    public static final String USERNAME = "system";

    private SystemCaller() {
    }

    public static void runAsSystem(Runnable work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        PortalUser system = new PortalUser(new Caller(0, USERNAME, "系统", null, 0, "/", "", Set.of(Roles.ADMIN)),
                null, true, false);
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(system, null, system.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
