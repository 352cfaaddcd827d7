package cn.tongxin.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A sign-in refused before the password was checked: the account must wait or is locked. */
class LoginRefusedException extends AuthenticationException {

    private final Duration wait;
    private final boolean locked;

    LoginRefusedException(Duration wait, boolean locked) {
        super(locked ? "account locked" : "too many attempts");
        this.wait = wait;
        this.locked = locked;
    }

    Duration waitFor() {
        return wait;
    }

    boolean locked() {
        return locked;
    }
}
