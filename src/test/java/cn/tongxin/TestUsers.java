package cn.tongxin;

import cn.tongxin.security.PortalUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/** Switches the signed-in demo user inside one test (for steps by several people, e.g. ask leave, then approve it). */
@Component
public class TestUsers {

    private final UserDetailsService users;

    TestUsers(UserDetailsService users) {
        this.users = users;
    }

    /** Signs in as the demo account; returns its person's id, or -1 for an account without a person. */
    public long signIn(String username) {
        var user = (PortalUser) users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        return user.caller().personId() == null ? -1 : user.caller().personId();
    }
}
