package cn.tongxin.people;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Page;
import cn.tongxin.base.Translations;
import cn.tongxin.notification.MailOutbox;
import cn.tongxin.notification.MailTemplates;
import cn.tongxin.security.AccountDirectory;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.PasswordPolicy;
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
    /** Issued passwords: 12 of 55 characters (69 bits), so they meet the policy like any other. */
    private static final int ISSUED_PASSWORD_LENGTH = PasswordPolicy.MIN;
    /** Bulk usernames: no 0/o, 1/l/i, so that they can be read off a printed sheet and typed on a phone. */
    private static final String USERNAME_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
    private static final int USERNAME_RANDOM_LENGTH = 8;

    private final AccountRepository accounts;
    private final PersonRepository persons;
    private final UnitService units;
    private final PasswordEncoder encoder;
    private final SessionTerminator sessions;
    private final AuditService audit;
    private final JdbcClient jdbc;
    private final MailOutbox mail;
    private final MailTemplates templates;
    private final PasswordPolicy policy;
    private final SecureRandom random = new SecureRandom();

    AccountService(AccountRepository accounts, PersonRepository persons, UnitService units, PasswordEncoder encoder,
                   SessionTerminator sessions, AuditService audit, JdbcClient jdbc, MailOutbox mail,
                   MailTemplates templates, PasswordPolicy policy) {
        this.accounts = accounts;
        this.persons = persons;
        this.units = units;
        this.encoder = encoder;
        this.sessions = sessions;
        this.audit = audit;
        this.jdbc = jdbc;
        this.mail = mail;
        this.templates = templates;
        this.policy = policy;
    }

    // --- sign-in (AccountDirectory) ---

    @Override
    @Transactional(readOnly = true)
    public Optional<Credentials> findCredentials(String username) {
        return accounts.findByUsername(username).map(this::credentials);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Credentials> findCredentials(long accountId) {
        return accounts.findById(accountId).map(this::credentials);
    }

    private Credentials credentials(Account a) {
        UnitRef unit = units.ref(a.getUnitId());
        Caller caller = new Caller(a.getId(), a.getUsername(), a.getDisplayName(), a.getPersonId(), unit.id(),
                unit.path(), unit.name(), Set.copyOf(a.getRoles()));
        return new Credentials(caller, a.getPasswordHash(), a.isEnabled(), a.getTokenVersion());
    }

    @Override
    @Transactional
    public void revokeRememberedLogins(long accountId) {
        accounts.revokeRememberedLogins(accountId);
    }

    /**
     * Whether the caller still signs in with a password the portal issued (bulk creation, a reset). The views send
     * such a caller to the change-password page before anything else (PasswordChangeGate); the services refuse
     * nothing on this account, as the person proved they hold its password.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public boolean mustChangeMyPassword() {
        return accounts.findById(Callers.require().accountId()).map(Account::mustChangePassword).orElse(false);
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
                        select a.id, a.username, a.display_name, u.name as unit_name, a.enabled, a.must_change_password, a.person_id,
                               (select string_agg(r.role, ',') from account_role r where r.account_id = a.id) as roles
                        from account a join unit u on u.id = a.unit_id
                        where a.username ilike :t or a.display_name like :t
                        order by a.username limit :limit offset :offset""")
                .param("t", like).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new AccountRow(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        rs.getString("unit_name"),
                        rs.getString("roles") == null ? Set.of() : Set.of(rs.getString("roles").split(",")),
                        rs.getBoolean("enabled"), rs.getBoolean("must_change_password"), (Long) rs.getObject("person_id")))
                .list();
        return new Page<>(rows, total);
    }

    /** One account, e.g. for an organizer or checker of a unit. Returns its one-time password (to be changed at first login). */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public IssuedCredential create(String username, String displayName, long unitId, Long personId, Set<String> roles) {
        return create(username, displayName, unitId, personId, roles, null);
    }

    /**
     * As above with a chosen password (the demo data's), which must meet the {@link PasswordPolicy} and need not be
     * changed; null issues a one-time password.
     */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public IssuedCredential create(String username, String displayName, long unitId, Long personId, Set<String> roles,
                                   String initialPassword) {
        String name = username == null ? "" : username.trim();
        if (initialPassword != null) {
            policy.check(initialPassword, name, displayName);
        }
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
            Account account = accounts.saveAndFlush(new Account(name, encoder.encode(password), initialPassword == null,
                    displayName.trim(), personId, unitId, roles));
            audit.record(AuditService.ACCOUNT, "ACCOUNT", account.getId(), name, AuditDetail.of("account.created", roleList(roles)));
            if (personId != null) {
                persons.findById(personId).ifPresent(p -> mailAccountCreated(p, account));
            }
        } catch (DataIntegrityViolationException e) {
            throw new DomainException("account.error.username-taken", name);
        }
        return new IssuedCredential(displayName.trim(), name, password);
    }

    /**
     * Trainee accounts for many people at once; people who already have one are skipped. Usernames are random
     * ('tx' and eight readable characters), not the mobile number: a username travels in mails, on printed sheets
     * and in the audit log, and must not be personal data nor tell an attacker whose account it is.
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
        var usernames = newUsernames(people.size()).iterator();
        for (Person p : people) {
            String username = usernames.next();
            Account account = accounts.save(new Account(username, hashes.get(p.getId()), true, p.getName(), p.getId(),
                    p.getUnitId(), roles));
            mailAccountCreated(p, account);
            issued.add(new IssuedCredential(p.getName(), username, passwords.get(p.getId())));
        }
        accounts.flush();
        audit.record(AuditService.ACCOUNT, "ACCOUNT", null, String.valueOf(issued.size()),
                AuditDetail.of("account.bulk-created", issued.size(), roleList(roles)));
        return issued;
    }

    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public IssuedCredential resetPassword(long accountId) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new DomainException("account.error.not-found"));
        String password = newPassword();
        account.issueOneTimePassword(encoder.encode(password));
        audit.record(AuditService.ACCOUNT, "ACCOUNT", accountId, account.getUsername(), AuditDetail.of("account.password-reset"));
        accounts.revokeRememberedLogins(accountId);
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

    /** Disabling ends the account's open sessions and remembered logins (on every device) at once. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public void setEnabled(long accountId, boolean enabled) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new DomainException("account.error.not-found"));
        if (!enabled && Callers.require().accountId() == accountId) {
            throw new DomainException("account.error.disable-self");
        }
        account.setEnabled(enabled);
        audit.record(AuditService.ACCOUNT, "ACCOUNT", accountId, account.getUsername(),
                AuditDetail.of(enabled ? "account.enabled" : "account.disabled"));
        if (!enabled) {
            accounts.revokeRememberedLogins(accountId);
            sessions.endSessionsOf(accountId, account.getUsername());
        }
    }

    /**
     * The caller sets a new password of their choice (which ends a one-time one). Every remembered login of the
     * account ends, on all devices: the view then signs this browser out, to sign in again with the new password.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void changeOwnPassword(String current, String next) {
        Account account = accounts.findById(Callers.require().accountId()).orElseThrow();
        if (current == null || !encoder.matches(current, account.getPasswordHash())) {
            throw new DomainException("account.error.wrong-password");
        }
        policy.check(next, account.getUsername(), account.getDisplayName());
        if (next.equals(current)) {
            throw new DomainException("account.error.password-same");
        }
        account.changePassword(encoder.encode(next));
        accounts.revokeRememberedLogins(account.getId());
        audit.record(AuditService.ACCOUNT, "ACCOUNT", account.getId(), account.getUsername(), AuditDetail.of("account.password-changed"));
    }

    private String newPassword() {
        return randomText(PASSWORD_ALPHABET, ISSUED_PASSWORD_LENGTH);
    }

    /** Fresh random usernames, none taken (31^8 ≈ 8.5·10^11 of them: a clash is rare, and then drawn again). */
    private List<String> newUsernames(int count) {
        Set<String> names = new java.util.LinkedHashSet<>();
        while (names.size() < count) {
            Set<String> drawn = new HashSet<>();
            while (drawn.size() < count - names.size()) {
                String name = "tx" + randomText(USERNAME_ALPHABET, USERNAME_RANDOM_LENGTH);
                if (!names.contains(name)) {
                    drawn.add(name);
                }
            }
            accounts.findTakenUsernames(drawn).forEach(taken -> drawn.remove(taken.toLowerCase(Locale.ROOT)));
            names.addAll(drawn);
        }
        return List.copyOf(names);
    }

    private String randomText(String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    static Set<String> roles(String... roles) {
        return Set.copyOf(Arrays.asList(roles));
    }

    /** Roles as the audit view names them: role keys, sorted, for the reader's language. */
    private static String roleList(java.util.Collection<String> roles) {
        return String.join("、", roles.stream().sorted().toList());
    }
}
