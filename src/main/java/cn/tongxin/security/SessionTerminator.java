package cn.tongxin.security;

import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.stereotype.Service;

/** Ends every session and remembered login of an account, e.g. when it is disabled. */
@Service
public class SessionTerminator {

    private final SessionRegistry sessions;
    private final PersistentTokenRepository tokens;

    SessionTerminator(SessionRegistry sessions, PersistentTokenRepository tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
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
        tokens.removeUserTokens(username);
        return ended;
    }
}
