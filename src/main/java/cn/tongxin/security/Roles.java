package cn.tongxin.security;

/** The roles of the portal, one place for every {@code @RolesAllowed} and {@code @PreAuthorize}. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String ORGANIZER = "ORGANIZER";
    public static final String CHECKER = "CHECKER";
    public static final String LECTURER = "LECTURER";
    public static final String TRAINEE = "TRAINEE";

    public static final java.util.List<String> ALL = java.util.List.of(ADMIN, ORGANIZER, CHECKER, LECTURER, TRAINEE);

    private Roles() {
    }
}
