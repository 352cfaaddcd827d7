package cn.tongxin.people;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/** One line of the accounts list. */
public record AccountRow(long id, String username, String displayName, String unitName, Set<String> roles,
                         boolean enabled, Instant lockedUntil, Long personId) implements Serializable {
}
