package cn.tongxin.security;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Instant;

/**
 * Checks a username and password against the {@link AccountDirectory}, applying {@link LoginThrottle}
 * before the (costly) password hash is even computed, and counting failures.
 */
class PortalAuthenticationProvider implements AuthenticationProvider {

    private final AccountDirectory accounts;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    PortalAuthenticationProvider(AccountDirectory accounts, PasswordEncoder passwordEncoder, Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().trim();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Instant now = clock.instant();
        var found = accounts.findCredentials(username);
        if (found.isEmpty()) {
            // Spend the same time as a real check so that usernames cannot be probed by timing.
            passwordEncoder.matches(password, DUMMY_HASH);
            throw new BadCredentialsException("bad credentials");
        }
        var credentials = found.get();
        var wait = LoginThrottle.waitBeforeNextTry(credentials.failedAttempts(), credentials.lastFailedAt(),
                credentials.lockedUntil(), now);
        if (wait.isPresent()) {
            boolean locked = credentials.lockedUntil() != null && credentials.lockedUntil().isAfter(now);
            throw new LoginRefusedException(wait.get(), locked);
        }
        if (!passwordEncoder.matches(password, credentials.passwordHash())) {
            accounts.recordFailedLogin(credentials.caller().username(), now);
            throw new BadCredentialsException("bad credentials");
        }
        if (!credentials.enabled()) {
            throw new DisabledException("disabled");
        }
        accounts.recordSuccessfulLogin(credentials.caller().username());
        PortalUser user = new PortalUser(credentials.caller(), null, true, false);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static final String DUMMY_HASH = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z.WKm1xOZ5P3fr5Xg9mBq9o.";
}
