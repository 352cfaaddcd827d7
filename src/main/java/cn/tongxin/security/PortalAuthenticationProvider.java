package cn.tongxin.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.nio.charset.StandardCharsets;

/**
 * Checks a username and password against the {@link AccountDirectory}. The try is first reserved with
 * {@link LoginLimits} in one atomic statement, before the (costly) hash is computed, so parallel guesses cannot
 * all pass on one stale count; a right password gives its try back.
 */
class PortalAuthenticationProvider implements AuthenticationProvider {

    private final AccountDirectory accounts;
    private final PasswordEncoder passwordEncoder;
    private final LoginLimits limits;

    PortalAuthenticationProvider(AccountDirectory accounts, PasswordEncoder passwordEncoder, LoginLimits limits) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.limits = limits;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().trim();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        if (!limits.reserve(username, address)) {
            throw new LoginRefusedException();
        }
        var found = accounts.findCredentials(username);
        // bcrypt reads 72 bytes at most (and refuses more); a longer one is no password of ours.
        boolean fits = password.getBytes(StandardCharsets.UTF_8).length <= PasswordPolicy.MAX_BYTES;
        // An unknown name costs the same hash as a known one, so that usernames cannot be probed by timing.
        boolean matches = passwordEncoder.matches(fits ? password : "", found.map(c -> c.passwordHash()).orElse(DUMMY_HASH));
        if (found.isEmpty() || !fits || !matches) {
            throw new BadCredentialsException("bad credentials");
        }
        limits.release(username, address);
        var credentials = found.get();
        if (!credentials.enabled()) {
            throw new DisabledException("disabled");
        }
        PortalUser user = new PortalUser(credentials.caller(), null, true, false);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static final String DUMMY_HASH = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z.WKm1xOZ5P3fr5Xg9mBq9o.";
}
