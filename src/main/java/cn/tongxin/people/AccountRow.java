package cn.tongxin.people;

import java.io.Serializable;
import java.util.Set;

/** One line of the accounts list; {@code oneTimePassword}: its owner has not yet replaced an issued password. */
public record AccountRow(long id, String username, String displayName, String unitName, Set<String> roles,
                         boolean enabled, boolean oneTimePassword, Long personId) implements Serializable {
}
