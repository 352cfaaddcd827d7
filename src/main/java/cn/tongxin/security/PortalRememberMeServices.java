package cn.tongxin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.rememberme.AbstractRememberMeServices;
import org.springframework.security.web.authentication.rememberme.InvalidCookieException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The remember-me cookie: {@code accountId:expiry:version:HMAC-SHA256}. Signed, not stored, and never rotated, so
 * the parallel requests a phone fires when it opens the portal all pass with the same cookie. The version is the
 * account's {@link AccountDirectory.Credentials#rememberMeVersion()}: logout, a password change, a reset and
 * disabling raise it, and every cookie signed with the old one stops working, on every device. The cookie names
 * the account by its id, so no username (and no mobile number) travels in it.
 */
class PortalRememberMeServices extends AbstractRememberMeServices {

    private final AccountDirectory accounts;
    private final Clock clock;
    private final SecretKeySpec macKey;

    PortalRememberMeServices(String key, UserDetailsService unused, AccountDirectory accounts, Clock clock) {
        super(key, unused);
        this.accounts = accounts;
        this.clock = clock;
        this.macKey = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Override
    protected void onLoginSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof PortalUser user)) {
            return;
        }
        accounts.findCredentials(user.caller().accountId()).ifPresent(credentials -> {
            String id = Long.toString(user.caller().accountId());
            String expires = Long.toString(clock.millis() + getTokenValiditySeconds() * 1000L);
            String version = Integer.toString(credentials.rememberMeVersion());
            setCookie(new String[] {id, expires, version, sign(id, expires, version)}, getTokenValiditySeconds(),
                    request, response);
        });
    }

    @Override
    protected UserDetails processAutoLoginCookie(String[] tokens, HttpServletRequest request, HttpServletResponse response) {
        if (tokens.length != 4) {
            throw new InvalidCookieException("not a Tongxin remember-me cookie");
        }
        if (!MessageDigest.isEqual(sign(tokens[0], tokens[1], tokens[2]).getBytes(StandardCharsets.US_ASCII),
                tokens[3].getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidCookieException("bad signature");
        }
        long accountId;
        long expires;
        int version;
        try {
            accountId = Long.parseLong(tokens[0]);
            expires = Long.parseLong(tokens[1]);
            version = Integer.parseInt(tokens[2]);
        } catch (NumberFormatException e) {
            throw new InvalidCookieException("malformed");
        }
        if (expires < clock.millis()) {
            throw new InvalidCookieException("expired");
        }
        var credentials = accounts.findCredentials(accountId)
                .orElseThrow(() -> new InvalidCookieException("no such account"));
        if (credentials.rememberMeVersion() != version) {
            throw new InvalidCookieException("revoked");
        }
        // A disabled account is refused by the caller (its account status check), which also clears the cookie.
        return new PortalUser(credentials.caller(), null, credentials.enabled(), false);
    }

    /** Logging out on one device ends the remembered logins of all the account's devices. */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        super.logout(request, response, authentication);
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user) {
            accounts.revokeRememberedLogins(user.caller().accountId());
        }
    }

    private String sign(String id, String expires, String version) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return HexFormat.of().formatHex(mac.doFinal((id + ':' + expires + ':' + version).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
