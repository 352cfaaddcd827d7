package cn.tongxin.people;

import java.io.Serializable;

/** A username and the one-time password given to its owner when the account was made or reset. */
public record IssuedCredential(String displayName, String username, String initialPassword) implements Serializable {
}
