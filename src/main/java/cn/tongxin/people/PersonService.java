package cn.tongxin.people;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Page;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * People's records. Organizers and checkers see the people of their unit and the units below it;
 * a trainee sees their own record only; every look at a record and every change is audited.
 */
@Service
public class PersonService {

    static final String TARGET = "PERSON";

    private final PersonRepository persons;
    private final UnitService units;
    private final AccountRepository accounts;
    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;

    PersonService(PersonRepository persons, UnitService units, AccountRepository accounts, JdbcClient jdbc,
                  AuditService audit, Clock clock) {
        this.persons = persons;
        this.units = units;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')")
    @Transactional(readOnly = true)
    public Page<PersonRow> search(PersonQuery query, int offset, int limit) {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, query, params);
        long total = jdbc.sql("select count(*) from person p join unit u on u.id = p.unit_id where " + where)
                .params(params).query(Long.class).single();
        params.put("limit", limit);
        params.put("offset", offset);
        List<PersonRow> rows = jdbc.sql("""
                        select p.id, p.name, p.gender, u.name as unit_name, pa.short_name as party_name, p.position,
                               p.representative, p.id_card, p.phone, p.status, extract(year from p.birth_date)::int as birth_year,
                               (select string_agg(s.name, '、' order by s.sort_order) from person_sector ps
                                  join sector s on s.id = ps.sector_id where ps.person_id = p.id) as sectors
                        from person p join unit u on u.id = p.unit_id left join party pa on pa.id = p.party_id
                        where\s""" + where + ORDER + " limit :limit offset :offset")
                .params(params).query(PersonService::row).list();
        return new Page<>(rows, total);
    }

    /** How many people match: for the list's count and its empty state. */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')")
    @Transactional(readOnly = true)
    public long count(PersonQuery query) {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, query, params);
        return jdbc.sql("select count(*) from person p join unit u on u.id = p.unit_id where " + where)
                .params(params).query(Long.class).single();
    }

    /** The same filter for other features that work on "the people of this list" (exports, enrolment). */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')")
    @Transactional(readOnly = true)
    public List<Long> searchIds(PersonQuery query) {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, query, params);
        return jdbc.sql("select p.id from person p join unit u on u.id = p.unit_id where " + where + ORDER)
                .params(params).query(Long.class).list();
    }

    /** These people, as picked in a form (e.g. an audience's named people), limited to the caller's scope. */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER + "')")
    @Transactional(readOnly = true)
    public List<PersonOption> options(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Caller caller = Callers.require();
        return jdbc.sql("select p.id, u.name as unit_name, " + PersonLabel.COLUMNS
                        + " from person p join unit u on u.id = p.unit_id where p.id in (:ids) and u.path like :scope"
                        + " order by p.name, p.id")
                .param("ids", ids).param("scope", caller.scopePath() + "%")
                .query((rs, n) -> new PersonOption(rs.getLong("id"), PersonLabel.read(rs), rs.getString("unit_name"))).list();
    }

    /** Units in tree order (by the numbers of their path, so '/1/2/' before '/1/11/'), then by name. */
    static final String ORDER = " order by string_to_array(trim(both '/' from u.path), '/')::bigint[], p.name, p.id";

    /** The caller's scope and the query's filters over {@code person p join unit u}; shared with the roster export. */
    static String where(Caller caller, PersonQuery q, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        clauses.add("u.path like :scope");
        params.put("scope", caller.scopePath() + "%");
        if (q.text() != null && !q.text().isBlank()) {
            String text = Text.normalize(q.text());
            clauses.add("(p.name like :text or p.phone like :textPrefix or p.position like :text)");
            params.put("text", "%" + escapeLike(text) + "%");
            params.put("textPrefix", escapeLike(text) + "%");
        }
        if (q.unitId() != null) {
            clauses.add("u.path like (select su.path from unit su where su.id = :unitId) || '%'");
            params.put("unitId", q.unitId());
        }
        if (q.sectorId() != null) {
            clauses.add("exists (select 1 from person_sector ps where ps.person_id = p.id and ps.sector_id = :sectorId)");
            params.put("sectorId", q.sectorId());
        }
        if (q.partyId() != null) {
            clauses.add("p.party_id = :partyId");
            params.put("partyId", q.partyId());
        }
        if (q.representative() != null) {
            clauses.add("p.representative = :representative");
            params.put("representative", q.representative());
        }
        if (q.status() != null) {
            clauses.add("p.status = :status");
            params.put("status", q.status().name());
        }
        return String.join(" and ", clauses);
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static PersonRow row(ResultSet rs, int n) throws SQLException {
        return new PersonRow(rs.getLong("id"), rs.getString("name"), Gender.valueOf(rs.getString("gender")),
                rs.getString("unit_name"), rs.getString("party_name"), rs.getString("sectors"),
                rs.getString("position"), rs.getBoolean("representative"), IdCard.mask(rs.getString("id_card")),
                rs.getString("phone"), PersonStatus.valueOf(rs.getString("status")), rs.getObject("birth_year", Integer.class));
    }

    /** A person's record: for their organizers and checkers, an administrator, or the person themself. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public PersonDetail get(long id) {
        Caller caller = Callers.require();
        Person person = persons.findById(id).orElseThrow(() -> new DomainException("person.error.not-found"));
        if (!caller.isPerson(id)) {
            requireManages(caller, person.getUnitId());
        }
        audit.record(AuditService.VIEW, TARGET, id, person.getName(), null);
        return detail(person);
    }

    /** The signed-in person's own record. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public PersonDetail myRecord() {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            throw new DomainException("person.error.no-own-record");
        }
        return get(caller.personId());
    }

    /** The whole identity number: administrators only, and every reveal is logged. */
    @PreAuthorize("hasRole('" + Roles.ADMIN + "')")
    @Transactional
    public String revealIdCard(long id) {
        Person person = persons.findById(id).orElseThrow(() -> new DomainException("person.error.not-found"));
        audit.record(AuditService.REVEAL_ID, TARGET, id, person.getName(), null);
        return person.getIdCard();
    }

    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')")
    @Transactional
    public long create(PersonData input) {
        Caller caller = Callers.require();
        PersonData data = checked(input);
        requireManages(caller, data.unitId());
        if (data.idCard() != null && persons.findByIdCard(data.idCard()).isPresent()) {
            throw new InvalidPersonException(Map.of(PersonRules.ID_CARD, "person.error.id-card-duplicate"));
        }
        try {
            Person person = persons.saveAndFlush(new Person(data));
            audit.record(AuditService.CREATE, TARGET, person.getId(), person.getName(), null);
            return person.getId();
        } catch (DataIntegrityViolationException e) {
            throw new InvalidPersonException(Map.of(PersonRules.ID_CARD, "person.error.id-card-duplicate"));
        }
    }

    /** Saves a change made from {@code expectedVersion}; refuses if someone else saved in between. */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')")
    @Transactional
    public void update(long id, int expectedVersion, PersonData input) {
        Caller caller = Callers.require();
        Person person = persons.findById(id).orElseThrow(() -> new DomainException("person.error.not-found"));
        // The form shows the number masked; an unchanged masked number means "keep it".
        boolean keepIdCard = input.idCard() != null && input.idCard().equals(IdCard.mask(person.getIdCard()));
        PersonData data = checked(keepIdCard ? input.withIdCard(person.getIdCard()) : input);
        requireManages(caller, person.getUnitId());
        requireManages(caller, data.unitId());
        if (person.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(Person.class, id);
        }
        if (data.idCard() != null && persons.findByIdCard(data.idCard()).filter(p -> !p.getId().equals(id)).isPresent()) {
            throw new InvalidPersonException(Map.of(PersonRules.ID_CARD, "person.error.id-card-duplicate"));
        }
        String changed = changedFields(person.toData(), data);
        person.apply(data);
        persons.flush();
        audit.record(AuditService.UPDATE, TARGET, id, person.getName(), AuditDetail.of("person.changed", changed));
    }

    private PersonData checked(PersonData input) {
        PersonData data = input.normalized();
        Map<String, String> errors = PersonRules.check(data, LocalDate.now(clock));
        if (!errors.isEmpty()) {
            throw new InvalidPersonException(errors);
        }
        return data;
    }

    private void requireManages(Caller caller, long unitId) {
        if (!caller.has(Roles.ADMIN) && !caller.has(Roles.ORGANIZER) && !caller.has(Roles.CHECKER)) {
            throw new AccessDeniedException("not a manager");
        }
        units.requireManages(caller, unitId);
    }

    /** Field names only: the audit log says what changed without copying personal data into it. */
    private static String changedFields(PersonData before, PersonData after) {
        List<String> changed = new ArrayList<>();
        var components = PersonData.class.getRecordComponents();
        for (var c : components) {
            try {
                Object a = c.getAccessor().invoke(before);
                Object b = c.getAccessor().invoke(after);
                if (!java.util.Objects.equals(a, b)) {
                    changed.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(",", changed);
    }

    private PersonDetail detail(Person person) {
        PersonData data = person.toData();
        record Names(String unit, String party, String sectors) {
        }
        Names names = jdbc.sql("""
                        select u.name as unit, pa.name as party,
                               (select string_agg(s.name, '|' order by s.sort_order) from person_sector ps
                                  join sector s on s.id = ps.sector_id where ps.person_id = :id) as sectors
                        from unit u left join party pa on pa.id = :partyId where u.id = :unitId""")
                .param("id", person.getId()).param("partyId", data.partyId()).param("unitId", data.unitId())
                .query((rs, n) -> new Names(rs.getString("unit"), rs.getString("party"), rs.getString("sectors")))
                .single();
        String username = accounts.findByPersonId(person.getId()).map(Account::getUsername).orElse(null);
        return new PersonDetail(person.getId(), person.getVersion(), masked(data), IdCard.mask(data.idCard()),
                names.unit(), names.party(), names.sectors() == null ? List.of() : Arrays.asList(names.sectors().split("\\|")),
                username);
    }

    /** The data with the identity number masked: what leaves the service for views. */
    private static PersonData masked(PersonData d) {
        return new PersonData(d.name(), d.gender(), d.ethnicity(), d.birthDate(), IdCard.mask(d.idCard()), d.phone(),
                d.email(), d.unitId(), d.partyId(), d.sectorIds(), d.position(), d.representative(), d.status());
    }
}
