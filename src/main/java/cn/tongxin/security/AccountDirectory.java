package cn.tongxin.security;

import java.util.Optional;
import java.util.Set;

/**
 * What sign-in needs to know of accounts. The people feature, which owns accounts, implements it;
 * security stays free of that feature's internals.
 */
public interface AccountDirectory {

    Optional<Credentials> findCredentials(String username);

    /** For remembered logins, whose cookie names the account by its id (no username, no personal data). */
    Optional<Credentials> findCredentials(long accountId);

    /** Ends every remembered login of the account (all its devices): the next cookie check fails. */
    void revokeRememberedLogins(long accountId);

    /**
     * @param rememberMeVersion part of the remember-me signature; it goes up on logout, password change, reset and
     *                          disabling, which ends every remembered login of the account
     */
    record Credentials(Caller caller, String passwordHash, boolean enabled, int rememberMeVersion) {
        public Credentials {
            Set.copyOf(caller.roles());
        }
    }
}
