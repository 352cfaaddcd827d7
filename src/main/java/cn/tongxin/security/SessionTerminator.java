package cn.tongxin.security;

import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Service;

/**
 * Ends every open session of an account, e.g. when it is disabled. (A remembered login cannot come
 * back either: remember-me re-reads the account and refuses a disabled one.)
 */
@Service
public class SessionTerminator {

    private final SessionRegistry sessions;
    SessionTerminator(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    public int endSessionsOf(long accountId, String username) {
        int ended = 0;
        for (Object principal : sessions.getAllPrincipals()) {
            if (principal instanceof PortalUser user && user.caller().accountId() == accountId) {
                for (var info : sessions.getAllSessions(principal, false)) {
                    info.expireNow();
                    ended++;
                }
            }
        }
        return ended;
    }
}
