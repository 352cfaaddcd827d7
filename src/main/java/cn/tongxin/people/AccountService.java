package cn.tongxin.people;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Page;
import cn.tongxin.base.Translations;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.security.AccountDirectory;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.LoginThrottle;
import cn.tongxin.security.Roles;
import cn.tongxin.security.SessionTerminator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Accounts: made, reset and disabled by administrators; also what sign-in reads. */
@Service
public class AccountService implements AccountDirectory {

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    public static final int PASSWORD_MIN = 8;

    private final AccountRepository accounts;
    private final PersonRepository persons;
    private final UnitService units;
    private final PasswordEncoder encoder;
    private final SessionTerminator sessions;
    private final AuditService audit;
    private final JdbcClient jdbc;
    private final MailOutbox mail;
    private final MailTemplates templates;
    private final SecureRandom random = new SecureRandom();

    AccountService(AccountRepository accounts, PersonRepository persons, UnitService units, PasswordEncoder encoder,
                   SessionTerminator sessions, AuditService audit, JdbcClient jdbc, MailOutbox mail,
                   MailTemplates templates) {
        this.accounts = accounts;
        this.persons = persons;
        this.units = units;
        this.encoder = encoder;
        this.sessions = sessions;
        this.audit = audit;
        this.jdbc = jdbc;
        this.mail = mail;
        this.templates = templates;
    }

    // --- sign-in (AccountDirectory) ---

    @Override
    @Transactional(readOnly = true)
    public Optional<Credentials> findCredentials(String username) {
        return accounts.findByUsername(username).map(a -> {
            UnitRef unit = units.ref(a.getUnitId());
            Caller caller = new Caller(a.getId(), a.getUsername(), a.getDisplayName(), a.getPersonId(), unit.id(),
                    unit.path(), unit.name(), Set.copyOf(a.getRoles()));
            return new Credentials(caller, a.getPasswordHash(), a.isEnabled(), a.getFailedAttempts(),
                    a.getLastFailedAt(), a.getLockedUntil());
        });
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailedLogin(String username, Instant at) {
        accounts.recordFailure(username, at, LoginThrottle.LOCK_AFTER, at.plus(LoginThrottle.LOCK_FOR));
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccessfulLogin(String username) {
        accounts.recordSuccess(username);
    }

    /**
     * Remembers the language the caller reads the portal in, so that the portal's mails to them (leave decisions,
     * reminders, invitations, password resets) are written in it too. Only the caller's own account; a no-op when
     * it is already stored.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void rememberMyLanguage(Locale locale) {
        Callers.current().ifPresent(caller -> jdbc.sql(
                        "update account set language = :language where username = :username and language <> :language")
                .param("language", Translations.supported(locale).toLanguageTag())
                .param("username", caller.username()).update());
    }

    // --- administration ---

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional(readOnly = true)
    public Page<AccountRow> search(String text, int offset, int limit) {
        String like = "%" + (text == null ? "" : text.trim()) + "%";
        long total = jdbc.sql("select count(*) from account a where a.username ilike :t or a.display_name like :t")
                .param("t", like).query(Long.class).single();
        List<AccountRow> rows = jdbc.sql("""
                        select a.id, a.username, a.display_name, u.name as unit_name, a.enabled, a.locked_until, a.person_id,
                               (select string_agg(r.role, ',') from account_role r where r.account_id = a.id) as roles
                        from account a join unit u on u.id = a.unit_id
                        where a.username ilike :t or a.display_name like :t
                        order by a.username limit :limit offset :offset""")
                .param("t", like).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new AccountRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        rs.getString("unit_name"),
                        rs.getString("roles") == null ? Set.of() : Set.of(rs.getString("roles").split(",")),
                        rs.getBoolean("enabled"),
                        rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant(),
                        (Long) rs.getObject("person_id")))
                .list();
        return new Page<>(rows, total);
    }

    /** One account, e.g. for an organizer or checker of a unit. Returns its one-time password. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public IssuedCredential create(String username, String displayName, long unitId, Long personId, Set<String> roles) {
        return create(username, displayName, unitId, personId, roles, null);
    }

    /** As above with a chosen first password (at least {@value #PASSWORD_MIN} characters); null makes one up. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public IssuedCredential create(String username, String displayName, long unitId, Long personId, Set<String> roles,
                                   String initialPassword) {
        if (initialPassword != null && initialPassword.length() < PASSWORD_MIN) {
            throw new DomainException("account.error.password-short", PASSWORD_MIN);
        }
        String name = username == null ? "" : username.trim();
        if (!name.matches("[A-Za-z0-9_.@-]{3,50}")) {
            throw new DomainException("account.error.username");
        }
        if (roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
            throw new DomainException("account.error.roles");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new DomainException("account.error.display-name");
        }
        if (accounts.findByUsername(name).isPresent()) {
            throw new DomainException("account.error.username-taken", name);
        }
        String password = initialPassword == null ? newPassword() : initialPassword;
        try {
            Account account = accounts.saveAndFlush(new Account(name, encoder.encode(password), displayName.trim(),
                    personId, unitId, roles));
            audit.record(AuditService.ACCOUNT, "ACCOUNT", account.getId(), name, "created " + roles);
            if (personId != null) {
                persons.findById(personId).ifPresent(p -> mailAccountCreated(p, account));
            }
        } catch (DataIntegrityViolationException e) {
            throw new DomainException("account.error.username-taken", name);
        }
        return new IssuedCredential(displayName.trim(), name, password);
    }

    /**
     * Trainee accounts for many people at once; people who already have one are skipped.
     * The username is the mobile number when there is one, else 'tx' and the record number.
     */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public List<IssuedCredential> createForPeople(Collection<Long> personIds, Set<String> roles) {
        Set<Long> already = new HashSet<>(accounts.findPersonIdsWithAccount(personIds));
        List<Person> people = persons.findAllById(personIds).stream().filter(p -> !already.contains(p.getId())).toList();
        List<IssuedCredential> issued = new ArrayList<>();
        // Hashing is the slow part (≈ 100 ms each): do it on all cores, outside any lock.
        Map<Long, String> passwords = people.stream().collect(Collectors.toMap(Person::getId, p -> newPassword()));
        Map<Long, String> hashes = people.parallelStream().collect(Collectors.toConcurrentMap(Person::getId,
                p -> encoder.encode(passwords.get(p.getId()))));
        for (Person p : people) {
            String username = p.getPhone() != null && accounts.findByUsername(p.getPhone()).isEmpty()
                    ? p.getPhone() : "tx" + p.getId();
            Account account = accounts.save(new Account(username, hashes.get(p.getId()), p.getName(), p.getId(), p.getUnitId(), roles));
            mailAccountCreated(p, account);
            issued.add(new IssuedCredential(p.getName(), username, passwords.get(p.getId())));
        }
        accounts.flush();
        audit.record(AuditService.ACCOUNT, "ACCOUNT", null, issued.size() + " accounts", "bulk created " + roles);
        return issued;
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public IssuedCredential resetPassword(long accountId) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new DomainException("account.error.not-found"));
        String password = newPassword();
        account.changePassword(encoder.encode(password));
        audit.record(AuditService.ACCOUNT, "ACCOUNT", accountId, account.getUsername(), "password reset");
        sessions.endSessionsOf(accountId, account.getUsername());
        if (account.getPersonId() != null) {
            persons.findById(account.getPersonId()).map(Person::getEmail).ifPresent(email -> mail.enqueue(
                    templates.compose(email, account.mailLocale(), MailTemplates.PASSWORD_RESET,
                            account.getDisplayName(), account.getUsername())));
        }
        return new IssuedCredential(account.getDisplayName(), account.getUsername(), password);
    }

    /**
     * Tells the person (if they have an e-mail address) that their account exists, in the same transaction.
     * The one-time password is not in the mail: see docs/design-decisions/mail-outbox.md.
     */
    private void mailAccountCreated(Person person, Account account) {
        if (person.getEmail() != null && !person.getEmail().isBlank()) {
            mail.enqueue(templates.compose(person.getEmail(), account.mailLocale(), MailTemplates.ACCOUNT_CREATED,
                    account.getDisplayName(), account.getUsername()), "account-created:" + account.getId());
        }
    }

    /** Disabling ends the account's open sessions and remembered logins at once. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public void setEnabled(long accountId, boolean enabled) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new DomainException("account.error.not-found"));
        if (!enabled && Callers.require().accountId() == accountId) {
            throw new DomainException("account.error.disable-self");
        }
        account.setEnabled(enabled);
        audit.record(AuditService.ACCOUNT, "ACCOUNT", accountId, account.getUsername(), enabled ? "enabled" : "disabled");
        if (!enabled) {
            sessions.endSessionsOf(accountId, account.getUsername());
        }
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public void unlock(long accountId) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new DomainException("account.error.not-found"));
        account.unlock();
        audit.record(AuditService.ACCOUNT, "ACCOUNT", accountId, account.getUsername(), "unlocked");
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void changeOwnPassword(String current, String next) {
        Account account = accounts.findById(Callers.require().accountId()).orElseThrow();
        if (!encoder.matches(current, account.getPasswordHash())) {
            throw new DomainException("account.error.wrong-password");
        }
        if (next == null || next.length() < PASSWORD_MIN) {
            throw new DomainException("account.error.password-short", PASSWORD_MIN);
        }
        account.changePassword(encoder.encode(next));
        audit.record(AuditService.ACCOUNT, "ACCOUNT", account.getId(), account.getUsername(), "password changed");
    }

    private String newPassword() {
        char[] chars = new char[10];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length()));
        }
        return new String(chars);
    }

    static Set<String> roles(String... roles) {
        return Set.copyOf(Arrays.asList(roles));
    }
}
