package cn.tongxin.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;

/**
 * Who is calling a service: the account, the person it belongs to (if any), and the unit it acts for.
 * The unit path ('/1/4/') makes the unit data scope (分级管理) a prefix test.
 */
public record Caller(long accountId, String username, String displayName, Long personId,
                     long unitId, String unitPath, String unitName, Set<String> roles) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    /** Organizers and checkers manage their unit and the units below it; administrators all. */
    public boolean managesUnit(String otherUnitPath) {
        return isAdmin() || ((has(Roles.ORGANIZER) || has(Roles.CHECKER)) && otherUnitPath.startsWith(unitPath));
    }

    /** The unit-path prefix this caller's lists are limited to; "/" for administrators. */
    public String scopePath() {
        return isAdmin() ? "/" : unitPath;
    }

    public boolean isPerson(Long otherPersonId) {
        return personId != null && personId.equals(otherPersonId);
    }
}
