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

import java.time.Instant;
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
    @Column(name = "failed_attempts")
    private int failedAttempts;
    @Column(name = "last_failed_at")
    private Instant lastFailedAt;
    @Column(name = "locked_until")
    private Instant lockedUntil;
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

    Account(String username, String passwordHash, String displayName, Long personId, Long unitId, Set<String> roles) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.personId = personId;
        this.unitId = unitId;
        this.roles.addAll(roles);
    }

    Locale mailLocale() {
        return Translations.supported(language);
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
        this.failedAttempts = 0;
        this.lockedUntil = null;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void setRoles(Set<String> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
    }

    void unlock() {
        this.failedAttempts = 0;
        this.lockedUntil = null;
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

    int getFailedAttempts() {
        return failedAttempts;
    }

    Instant getLastFailedAt() {
        return lastFailedAt;
    }

    Instant getLockedUntil() {
        return lockedUntil;
    }

    Set<String> getRoles() {
        return roles;
    }
}
