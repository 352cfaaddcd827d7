package cn.tongxin.security;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Spring Security's view of an account; carries the {@link Caller} the services need. */
public final class PortalUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Caller caller;
    private String passwordHash;
    private final boolean enabled;
    private final boolean locked;

    PortalUser(Caller caller, String passwordHash, boolean enabled, boolean locked) {
        this.caller = caller;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.locked = locked;
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return caller.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return caller.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    // The session registry keys sessions by principal: equal accounts are equal principals.
    @Override
    public boolean equals(Object o) {
        return o instanceof PortalUser other && other.caller.accountId() == caller.accountId();
    }

    @Override
    public int hashCode() {
        return Objects.hash(caller.accountId());
    }

    @Override
    public String toString() {
        return caller.username();
    }

    static List<String> roleNames(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).map(a -> a.substring(5)).toList();
    }
}
