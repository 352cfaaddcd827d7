package cn.tongxin.lecture;

import cn.tongxin.audit.AuditService;
import cn.tongxin.base.CalendarFile;
import cn.tongxin.base.DomainException;
import cn.tongxin.people.PersonLabel;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What lectures are made of: lecturers (宣讲员), lecture groups (宣讲团), topics (宣讲主题) with their materials, and
 * venues. Each belongs to a unit (a lecturer to the unit of their person). Organizers and administrators manage those
 * of their unit's subtree; organizers and checkers read those of their subtree and of the units above it (the
 * province's topics and lecturers serve the cities); lecturers read topics and materials, also those of the lectures
 * they give. Materials are kept in the database and checked by their bytes, not only by their name.
 */
@Service
public class LectureCatalogue {

    static final String TOPIC_READERS = "hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "','" + Roles.CHECKER
                                        + "','" + Roles.LECTURER + "')";

    /** The extensions a material may have (its bytes are checked against it), for the upload's file picker. */
    public static final List<String> MATERIAL_EXTENSIONS = List.of(MaterialTypes.ACCEPTED);
    /** The largest material, in bytes (20 MB; the database refuses larger too). */
    public static final int MATERIAL_MAX_BYTES = MaterialTypes.MAX_BYTES;

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;

    LectureCatalogue(JdbcClient jdbc, AuditService audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- lecturers

    /** The lecturers in the caller's reading scope, active or not, by name. */
    @PreAuthorize(LectureService.READERS)
    @Transactional(readOnly = true)
    public List<LecturerRow> lecturerRows() {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql(LECTURER_SELECT + " where " + readable(caller, params) + " order by p.name, p.id").params(params)
                .query((rs, n) -> lecturer(rs, caller)).list();
    }

    /**
     * Makes a person of the caller's subtree a lecturer. If the person has an account, it gets the LECTURER role
     * (in effect at their next sign-in).
     */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void addLecturer(long personId, LecturerData d) {
        Caller caller = Callers.require();
        LecturerData clean = check(d);
        String path = jdbc.sql("select u.path from person p join unit u on u.id = p.unit_id where p.id = :id").param("id", personId)
                .query(String.class).optional().orElseThrow(() -> new DomainException("lecture.catalogue.error.not-found"));
        LectureService.requireManages(caller, path);
        try {
            jdbc.sql("insert into lecturer (person_id, fields, profile, active) values (:p, :fields, :profile, :active)")
                    .param("p", personId).param("fields", clean.fields()).param("profile", clean.profile())
                    .param("active", clean.active()).update();
        } catch (DuplicateKeyException e) {
            throw new DomainException("lecture.catalogue.error.already-lecturer");
        }
        int granted = jdbc.sql("""
                        insert into account_role (account_id, role) select a.id, :role from account a where a.person_id = :p
                        on conflict do nothing""").param("role", Roles.LECTURER).param("p", personId).update();
        audit.record(AuditService.CREATE, "LECTURER", personId, personName(personId),
                granted > 0 ? "role " + Roles.LECTURER + " granted" : null);
    }

    /** Changes a lecturer's fields, profile and whether they are active (an inactive one is not offered for new lectures). */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void updateLecturer(long personId, int expectedVersion, LecturerData d) {
        Caller caller = Callers.require();
        LecturerData clean = check(d);
        String path = jdbc.sql("""
                        select u.path from lecturer l join person p on p.id = l.person_id join unit u on u.id = p.unit_id
                        where l.person_id = :id""").param("id", personId)
                .query(String.class).optional().orElseThrow(() -> new DomainException("lecture.catalogue.error.not-found"));
        LectureService.requireManages(caller, path);
        int n = jdbc.sql("""
                        update lecturer set fields = :fields, profile = :profile, active = :active, version = version + 1
                        where person_id = :p and version = :version""")
                .param("p", personId).param("fields", clean.fields()).param("profile", clean.profile())
                .param("active", clean.active()).param("version", expectedVersion).update();
        if (n == 0) {
            throw new DomainException("error.concurrent-change");
        }
        audit.record(AuditService.UPDATE, "LECTURER", personId, personName(personId), null);
    }

    private static LecturerData check(LecturerData d) {
        String fields = trimmed(d.fields());
        String profile = trimmed(d.profile());
        if ((fields != null && fields.length() > LecturerData.FIELDS_MAX)
            || (profile != null && profile.length() > LecturerData.PROFILE_MAX)) {
            throw new DomainException("lecture.catalogue.error.too-long");
        }
        return new LecturerData(fields, profile, d.active());
    }

    private static final String LECTURER_SELECT = "select l.*, u.id as unit_id, u.name as unit_name, u.path as unit_path,"
            + " exists (select 1 from account a where a.person_id = p.id) as has_account, " + PersonLabel.COLUMNS + """
             from lecturer l join person p on p.id = l.person_id join unit u on u.id = p.unit_id
            """;

    private static LecturerRow lecturer(ResultSet rs, Caller caller) throws SQLException {
        return new LecturerRow(rs.getLong("person_id"), PersonLabel.read(rs), rs.getLong("unit_id"), rs.getString("unit_name"),
                rs.getString("fields"), rs.getString("profile"), rs.getBoolean("active"), rs.getBoolean("has_account"),
                LectureService.manages(caller, rs.getString("unit_path")), rs.getInt("version"));
    }

    // ---------------------------------------------------------------- groups

    /** The lecture groups in the caller's reading scope. */
    @PreAuthorize(LectureService.READERS)
    @Transactional(readOnly = true)
    public List<GroupRow> groups() {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("""
                        select g.*, u.name as unit_name, u.path as unit_path, lp.name as leader_name,
                               (select string_agg(m.person_id::text, ',') from lecture_group_member m where m.group_id = g.id) as member_ids,
                               (select string_agg(mp.name, '、' order by mp.name) from lecture_group_member m
                                  join person mp on mp.id = m.person_id where m.group_id = g.id) as member_names
                        from lecture_group g join unit u on u.id = g.unit_id left join person lp on lp.id = g.leader_id
                        where\s""" + readable(caller, params) + " order by u.path, g.name, g.id").params(params)
                .query((rs, n) -> new GroupRow(rs.getLong("id"), rs.getString("name"), rs.getLong("unit_id"),
                        rs.getString("unit_name"), rs.getObject("leader_id", Long.class), rs.getString("leader_name"),
                        ids(rs.getString("member_ids")), Objects.toString(rs.getString("member_names"), ""),
                        LectureService.manages(caller, rs.getString("unit_path")), rs.getInt("version"))).list();
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public long createGroup(GroupData d) {
        Caller caller = Callers.require();
        GroupData clean = check(caller, d);
        long id = uniqueName("lecture.catalogue.error.group-name-taken", () -> jdbc.sql("""
                        insert into lecture_group (name, unit_id, leader_id) values (:name, :unit, :leader) returning id""")
                .param("name", clean.name()).param("unit", clean.unitId()).param("leader", clean.leaderId())
                .query(Long.class).single());
        writeMembers(id, clean.memberIds());
        audit.record(AuditService.CREATE, "LECTURE_GROUP", id, clean.name(), null);
        return id;
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void updateGroup(long id, int expectedVersion, GroupData d) {
        Caller caller = Callers.require();
        LectureService.requireManages(caller, pathOf("lecture_group", id));
        GroupData clean = check(caller, d);
        int n = uniqueName("lecture.catalogue.error.group-name-taken", () -> jdbc.sql("""
                        update lecture_group set name = :name, unit_id = :unit, leader_id = :leader, version = version + 1
                        where id = :id and version = :version""")
                .param("name", clean.name()).param("unit", clean.unitId()).param("leader", clean.leaderId())
                .param("id", id).param("version", expectedVersion).update());
        if (n == 0) {
            throw new DomainException("error.concurrent-change");
        }
        jdbc.sql("delete from lecture_group_member where group_id = :id").param("id", id).update();
        writeMembers(id, clean.memberIds());
        audit.record(AuditService.UPDATE, "LECTURE_GROUP", id, clean.name(), null);
    }

    private GroupData check(Caller caller, GroupData d) {
        String name = required(d.name(), GroupData.NAME_MAX, "lecture.catalogue.error.name-required");
        LectureService.requireManages(caller, unitPath(d.unitId()));
        Set<Long> members = new LinkedHashSet<>(d.memberIds());
        if (d.leaderId() != null) {
            members.add(d.leaderId());
        }
        if (!members.isEmpty()) {
            Map<String, Object> params = new HashMap<>();
            params.put("ids", members);
            long known = jdbc.sql("""
                            select count(*) from lecturer l join person p on p.id = l.person_id join unit u on u.id = p.unit_id
                            where l.person_id in (:ids) and\s""" + readable(caller, params)).params(params)
                    .query(Long.class).single();
            if (known != members.size()) {
                throw new DomainException("lecture.catalogue.error.not-a-lecturer");
            }
        }
        return new GroupData(name, d.unitId(), d.leaderId(), members);
    }

    private void writeMembers(long groupId, Set<Long> members) {
        members.forEach(p -> jdbc.sql("insert into lecture_group_member (group_id, person_id) values (:g, :p)")
                .param("g", groupId).param("p", p).update());
    }

    // ---------------------------------------------------------------- topics

    /**
     * The topics the caller may read, newest period first; {@code currentOnly}: only those whose period includes
     * today (Asia/Shanghai).
     */
    @PreAuthorize(TOPIC_READERS)
    @Transactional(readOnly = true)
    public List<TopicRow> topics(boolean currentOnly) {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        String where = topicReadable(caller, params);
        if (currentOnly) {
            where += " and :today between t.current_from and t.current_to";
            params.put("today", Date.valueOf(today()));
        }
        return jdbc.sql(TOPIC_SELECT + " where " + where + " order by t.current_from desc, t.title, t.id").params(params)
                .query((rs, n) -> topic(rs, caller)).list();
    }

    @PreAuthorize(TOPIC_READERS)
    @Transactional(readOnly = true)
    public TopicRow topic(long id) {
        Caller caller = Callers.require();
        TopicRow t = jdbc.sql(TOPIC_SELECT + " where t.id = :id").param("id", id).query((rs, n) -> topic(rs, caller)).optional()
                .orElseThrow(() -> new DomainException("lecture.catalogue.error.not-found"));
        requireReadsTopic(caller, id);
        return t;
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public long createTopic(TopicData d) {
        Caller caller = Callers.require();
        TopicData clean = check(d);
        LectureService.requireManages(caller, unitPath(clean.unitId()));
        long id = jdbc.sql("""
                        insert into lecture_topic (title, summary, unit_id, current_from, current_to, menu_open, hours)
                        values (:title, :summary, :unit, :from, :to, :open, :hours) returning id""")
                .params(topicParams(clean)).query(Long.class).single();
        audit.record(AuditService.CREATE, "LECTURE_TOPIC", id, clean.title(), null);
        return id;
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void updateTopic(long id, int expectedVersion, TopicData d) {
        Caller caller = Callers.require();
        LectureService.requireManages(caller, pathOf("lecture_topic", id));
        TopicData clean = check(d);
        LectureService.requireManages(caller, unitPath(clean.unitId()));
        Map<String, Object> params = topicParams(clean);
        params.put("id", id);
        params.put("version", expectedVersion);
        int n = jdbc.sql("""
                        update lecture_topic set title = :title, summary = :summary, unit_id = :unit, current_from = :from,
                               current_to = :to, menu_open = :open, hours = :hours, version = version + 1
                        where id = :id and version = :version""").params(params).update();
        if (n == 0) {
            throw new DomainException("error.concurrent-change");
        }
        audit.record(AuditService.UPDATE, "LECTURE_TOPIC", id, clean.title(), null);
    }

    private static TopicData check(TopicData d) {
        String title = required(d.title(), TopicData.TITLE_MAX, "lecture.catalogue.error.title-required");
        String summary = trimmed(d.summary());
        if (summary != null && summary.length() > TopicData.SUMMARY_MAX) {
            throw new DomainException("lecture.catalogue.error.too-long");
        }
        if (d.currentFrom() == null || d.currentTo() == null || d.currentTo().isBefore(d.currentFrom())) {
            throw new DomainException("lecture.catalogue.error.period");
        }
        BigDecimal hours = d.hours() == null ? BigDecimal.valueOf(2) : d.hours();
        // numeric(4, 1): a second decimal would be rounded away silently.
        if (hours.signum() < 0 || hours.compareTo(BigDecimal.valueOf(24)) > 0 || hours.stripTrailingZeros().scale() > 1) {
            throw new DomainException("lecture.catalogue.error.hours");
        }
        return new TopicData(title, summary, d.unitId(), d.currentFrom(), d.currentTo(), d.menuOpen(), hours);
    }

    private static Map<String, Object> topicParams(TopicData d) {
        Map<String, Object> p = new HashMap<>();
        p.put("title", d.title());
        p.put("summary", d.summary());
        p.put("unit", d.unitId());
        p.put("from", Date.valueOf(d.currentFrom()));
        p.put("to", Date.valueOf(d.currentTo()));
        p.put("open", d.menuOpen());
        p.put("hours", d.hours());
        return p;
    }

    private static final String TOPIC_SELECT = """
            select t.*, u.name as unit_name, u.path as unit_path,
                   (select count(*) from lecture_material m where m.topic_id = t.id) as material_count
            from lecture_topic t join unit u on u.id = t.unit_id
            """;

    private static TopicRow topic(ResultSet rs, Caller caller) throws SQLException {
        return new TopicRow(rs.getLong("id"), rs.getString("title"), rs.getString("summary"), rs.getLong("unit_id"),
                rs.getString("unit_name"), rs.getDate("current_from").toLocalDate(), rs.getDate("current_to").toLocalDate(),
                rs.getBoolean("menu_open"), rs.getBigDecimal("hours"), rs.getInt("material_count"),
                LectureService.manages(caller, rs.getString("unit_path")), rs.getInt("version"));
    }

    /** Topics of the reading scope, and for a lecturer also the topics of the lectures they give. Over {@code t}, {@code u}. */
    private static String topicReadable(Caller caller, Map<String, Object> params) {
        List<String> any = new ArrayList<>();
        if (caller.isAdmin() || caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER) || caller.has(Roles.LECTURER)) {
            any.add(readable(caller, params));
        }
        if (caller.personId() != null) {
            any.add("""
                    exists (select 1 from lecture l join lecture_lecturer ll on ll.lecture_id = l.id
                            where l.topic_id = t.id and ll.person_id = :me)""");
            params.put("me", caller.personId());
        }
        return any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")";
    }

    private void requireReadsTopic(Caller caller, long topicId) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", topicId);
        boolean ok = jdbc.sql("select exists (select 1 from lecture_topic t join unit u on u.id = t.unit_id where t.id = :id and "
                              + topicReadable(caller, params) + ")").params(params).query(Boolean.class).single();
        if (!ok) {
            throw new AccessDeniedException("topic outside scope");
        }
    }

    // ---------------------------------------------------------------- materials

    /** The materials of a topic the caller may read, newest first. */
    @PreAuthorize(TOPIC_READERS)
    @Transactional(readOnly = true)
    public List<MaterialRow> materials(long topicId) {
        Caller caller = Callers.require();
        requireReadsTopic(caller, topicId);
        return jdbc.sql(MATERIAL_SELECT + " where m.topic_id = :topic order by m.uploaded_at desc, m.id desc")
                .param("topic", topicId).query((rs, n) -> material(rs, caller)).list();
    }

    /** The materials of the topics of the lectures the caller gives (not cancelled), newest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<MaterialRow> myMaterials() {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return List.of();
        }
        return jdbc.sql(MATERIAL_SELECT + """
                         where exists (select 1 from lecture l join lecture_lecturer ll on ll.lecture_id = l.id
                                      where l.topic_id = m.topic_id and ll.person_id = :me and l.status <> 'CANCELLED')
                        order by t.title, m.uploaded_at desc, m.id desc""")
                .param("me", caller.personId()).query((rs, n) -> material(rs, caller)).list();
    }

    /**
     * Adds a file to a topic. Its first bytes must be what its name's extension says (PDF, Word, PowerPoint, Excel,
     * PNG, JPEG), at most 20 MB; otherwise a {@link DomainException} says what is wrong. Returns the material's id.
     */
    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public long addMaterial(long topicId, String fileName, byte[] content) {
        Caller caller = Callers.require();
        LectureService.requireManages(caller, pathOf("lecture_topic", topicId));
        String name = fileName(fileName);
        String type = MaterialTypes.check(name, content);
        long id = jdbc.sql("""
                        insert into lecture_material (topic_id, file_name, content_type, size_bytes, sha256, content, uploaded_by,
                                                      uploaded_at)
                        values (:topic, :name, :type, :size, :sha, :content, :by, :at) returning id""")
                .param("topic", topicId).param("name", name).param("type", type).param("size", content.length)
                .param("sha", sha256(content)).param("content", content).param("by", caller.username())
                .param("at", Timestamp.from(clock.instant())).query(Long.class).single();
        audit.record(AuditService.CREATE, "LECTURE_MATERIAL", id, name, "topic " + topicId);
        return id;
    }

    /** The file, for a caller who may read its topic. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public MaterialFile download(long materialId) {
        Caller caller = Callers.require();
        long topic = topicOfMaterial(materialId);
        boolean lecturerOfTopic = caller.personId() != null && jdbc.sql("""
                        select exists (select 1 from lecture l join lecture_lecturer ll on ll.lecture_id = l.id
                                       where l.topic_id = :t and ll.person_id = :me)""")
                .param("t", topic).param("me", caller.personId()).query(Boolean.class).single();
        if (!lecturerOfTopic) {
            if (!(caller.isAdmin() || caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER) || caller.has(Roles.LECTURER))) {
                throw new AccessDeniedException("not a reader of topics");
            }
            requireReadsTopic(caller, topic);
        }
        return jdbc.sql("select file_name, content_type, content from lecture_material where id = :id").param("id", materialId)
                .query((rs, n) -> new MaterialFile(rs.getString("file_name"), rs.getString("content_type"), rs.getBytes("content")))
                .single();
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void deleteMaterial(long materialId) {
        Caller caller = Callers.require();
        long topic = topicOfMaterial(materialId);
        LectureService.requireManages(caller, pathOf("lecture_topic", topic));
        String name = jdbc.sql("delete from lecture_material where id = :id returning file_name").param("id", materialId)
                .query(String.class).single();
        audit.record(AuditService.DELETE, "LECTURE_MATERIAL", materialId, name, "topic " + topic);
    }

    private long topicOfMaterial(long materialId) {
        return jdbc.sql("select topic_id from lecture_material where id = :id").param("id", materialId).query(Long.class)
                .optional().orElseThrow(() -> new DomainException("lecture.catalogue.error.not-found"));
    }

    /** The name as uploaded, trimmed; kept as typed (shown as text, made safe only for the download header). */
    private static String fileName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new DomainException("lecture.catalogue.error.file-name");
        }
        if (name.length() > 200) {
            throw new DomainException("lecture.catalogue.error.file-name-long", 200);
        }
        return name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String MATERIAL_SELECT = """
            select m.id, m.topic_id, t.title as topic_title, m.file_name, m.content_type, m.size_bytes, m.sha256,
                   m.uploaded_by, m.uploaded_at, u.path as unit_path
            from lecture_material m join lecture_topic t on t.id = m.topic_id join unit u on u.id = t.unit_id
            """;

    private static MaterialRow material(ResultSet rs, Caller caller) throws SQLException {
        return new MaterialRow(rs.getLong("id"), rs.getLong("topic_id"), rs.getString("topic_title"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getInt("size_bytes"), rs.getString("sha256"), rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant(), LectureService.manages(caller, rs.getString("unit_path")));
    }

    // ---------------------------------------------------------------- venues

    /** The venues in the caller's reading scope, active or not. */
    @PreAuthorize(LectureService.READERS)
    @Transactional(readOnly = true)
    public List<VenueRow> venues() {
        Caller caller = Callers.require();
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("""
                        select v.*, u.name as unit_name, u.path as unit_path from lecture_venue v join unit u on u.id = v.unit_id
                        where\s""" + readable(caller, params) + " order by u.path, v.name, v.id").params(params)
                .query((rs, n) -> new VenueRow(rs.getLong("id"), rs.getString("name"), rs.getString("address"),
                        rs.getInt("capacity"), rs.getLong("unit_id"), rs.getString("unit_name"), rs.getBoolean("active"),
                        LectureService.manages(caller, rs.getString("unit_path")), rs.getInt("version"))).list();
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public long createVenue(VenueData d) {
        Caller caller = Callers.require();
        VenueData clean = check(d);
        LectureService.requireManages(caller, unitPath(clean.unitId()));
        long id = uniqueName("lecture.catalogue.error.venue-name-taken", () -> jdbc.sql("""
                        insert into lecture_venue (name, address, capacity, unit_id, active)
                        values (:name, :address, :capacity, :unit, :active) returning id""")
                .params(venueParams(clean)).query(Long.class).single());
        audit.record(AuditService.CREATE, "LECTURE_VENUE", id, clean.name(), null);
        return id;
    }

    @PreAuthorize(LectureService.MANAGERS)
    @Transactional
    public void updateVenue(long id, int expectedVersion, VenueData d) {
        Caller caller = Callers.require();
        LectureService.requireManages(caller, pathOf("lecture_venue", id));
        VenueData clean = check(d);
        LectureService.requireManages(caller, unitPath(clean.unitId()));
        Map<String, Object> params = venueParams(clean);
        params.put("id", id);
        params.put("version", expectedVersion);
        int n = uniqueName("lecture.catalogue.error.venue-name-taken", () -> jdbc.sql("""
                        update lecture_venue set name = :name, address = :address, capacity = :capacity, unit_id = :unit,
                               active = :active, version = version + 1
                        where id = :id and version = :version""").params(params).update());
        if (n == 0) {
            throw new DomainException("error.concurrent-change");
        }
        audit.record(AuditService.UPDATE, "LECTURE_VENUE", id, clean.name(), null);
    }

    private static VenueData check(VenueData d) {
        String name = required(d.name(), VenueData.NAME_MAX, "lecture.catalogue.error.name-required");
        String address = trimmed(d.address());
        if (address != null && address.length() > VenueData.ADDRESS_MAX) {
            throw new DomainException("lecture.catalogue.error.too-long");
        }
        if (d.capacity() < 1 || d.capacity() > VenueData.CAPACITY_MAX) {
            throw new DomainException("lecture.catalogue.error.capacity", VenueData.CAPACITY_MAX);
        }
        return new VenueData(name, address, d.capacity(), d.unitId(), d.active());
    }

    private static Map<String, Object> venueParams(VenueData d) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", d.name());
        p.put("address", d.address());
        p.put("capacity", d.capacity());
        p.put("unit", d.unitId());
        p.put("active", d.active());
        return p;
    }

    // ---------------------------------------------------------------- the lecturer's own

    // ---------------------------------------------------------------- rules

    /**
     * Reading scope over {@code u}: the caller's unit's subtree and the units above it (everything for administrators).
     */
    static String readable(Caller caller, Map<String, Object> params) {
        if (caller.isAdmin()) {
            return "true";
        }
        params.put("scope", caller.unitPath() + "%");
        params.put("own", caller.unitPath());
        return "(u.path like :scope or :own like u.path || '%')";
    }

    private String unitPath(long unitId) {
        return jdbc.sql("select path from unit where id = :id").param("id", unitId).query(String.class).optional()
                .orElseThrow(() -> new DomainException("lecture.error.unit-required"));
    }

    /** The unit path of a group, topic or venue (tables with unit_id); the table name is ours, never the caller's. */
    private String pathOf(String table, long id) {
        return jdbc.sql("select u.path from " + table + " x join unit u on u.id = x.unit_id where x.id = :id").param("id", id)
                .query(String.class).optional().orElseThrow(() -> new DomainException("lecture.catalogue.error.not-found"));
    }

    private String personName(long personId) {
        return jdbc.sql("select name from person where id = :id").param("id", personId).query(String.class).single();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CalendarFile.ZONE));
    }

    private static <T> T uniqueName(String key, java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw new DomainException(key);
        }
    }

    private static String required(String value, int max, String key) {
        String v = trimmed(value);
        if (v == null) {
            throw new DomainException(key);
        }
        if (v.length() > max) {
            throw new DomainException("lecture.catalogue.error.too-long");
        }
        return v;
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Set<Long> ids(String joined) {
        Set<Long> ids = new HashSet<>();
        if (joined != null) {
            for (String s : joined.split(",")) {
                ids.add(Long.parseLong(s));
            }
        }
        return Set.copyOf(ids);
    }
}
