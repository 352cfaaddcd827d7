package cn.tongxin.people;

import cn.tongxin.base.Translations;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

@Entity
@Table(name = "account")
class Account {

    static final int USERNAME_MAX = 50;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String username;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "person_id")
    private Long personId;
    @Column(name = "unit_id")
    private Long unitId;
    private boolean enabled = true;
    /** Part of every remember-me signature; raised only by {@link AccountRepository#revokeRememberedLogins}. */
    @Column(name = "token_version", insertable = false, updatable = false)
    private int tokenVersion;
    /** The password is one someone else knows (issued by the portal): its owner must choose a new one first. */
    @Column(name = "must_change_password")
    private boolean mustChangePassword;
    /** The language the person reads the portal in (see {@link AccountService#rememberMyLanguage}); their mails use it. */
    @Column(updatable = false) // written only by rememberMyLanguage, so an administrator's edit cannot undo a switch
    private String language = "zh-CN";
    @Version
    private int version;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "role")
    private Set<String> roles = new HashSet<>();

    protected Account() {
    }

    Account(String username, String passwordHash, boolean oneTimePassword, String displayName, Long personId,
            Long unitId, Set<String> roles) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.mustChangePassword = oneTimePassword;
        this.displayName = displayName;
        this.personId = personId;
        this.unitId = unitId;
        this.roles.addAll(roles);
    }

    Locale mailLocale() {
        return Translations.supported(language);
    }

    /** A password the owner chose. */
    void changePassword(String newHash) {
        this.passwordHash = newHash;
        this.mustChangePassword = false;
    }

    /** A password the portal issued (shown to an administrator, printed): good for the first login only. */
    void issueOneTimePassword(String newHash) {
        this.passwordHash = newHash;
        this.mustChangePassword = true;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void setRoles(Set<String> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
    }

    Long getId() {
        return id;
    }

    String getUsername() {
        return username;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    String getDisplayName() {
        return displayName;
    }

    Long getPersonId() {
        return personId;
    }

    Long getUnitId() {
        return unitId;
    }

    boolean isEnabled() {
        return enabled;
    }

    int getTokenVersion() {
        return tokenVersion;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    Set<String> getRoles() {
        return roles;
    }
}
