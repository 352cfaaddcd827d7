package cn.tongxin.security;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What sign-in needs to know of accounts. The people feature, which owns accounts, implements it;
 * security stays free of that feature's internals.
 */
public interface AccountDirectory {

    Optional<Credentials> findCredentials(String username);

    /** Counts a failed password and returns the account's new lock state. */
    void recordFailedLogin(String username, Instant at);

    void recordSuccessfulLogin(String username);

    record Credentials(Caller caller, String passwordHash, boolean enabled, int failedAttempts,
                       Instant lastFailedAt, Instant lockedUntil) {
        public Credentials {
            Set.copyOf(caller.roles());
        }
    }
}
