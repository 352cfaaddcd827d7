package cn.tongxin.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused before the password was checked: too many tries. The login page says the same as for a wrong
 * password, so that the answer tells nothing about the account; only the audit log tells the two apart.
 */
public class LoginRefusedException extends AuthenticationException {

    LoginRefusedException() {
        super("too many tries");
    }
}
