package cn.tongxin.certificate;

import cn.tongxin.Application;
import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.security.AttemptLimiter;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Completion certificates. A certificate is issued once per enrollment (the number stays when the completion is
 * recorded again; the hours follow the latest record). It is valid while the enrollment is completed.
 * The trainee reads their own; organizers and checkers those of classes in their scope; anyone checks a number.
 */
@Service
public class CertificateService {

    static final String TARGET = "CERTIFICATE";

    private static final String SELECT = """
            select ct.id, ct.number, ct.enrollment_id, ct.person_id, p.name as person_name, ct.class_id, c.title,
                   u.name as unit_name, u.path as unit_path, c.start_date, c.end_date, ct.hours, ct.issued_at,
                   (e.status = 'COMPLETED') as valid
            from certificate ct join rotation_enrollment e on e.id = ct.enrollment_id
            join rotation_class c on c.id = ct.class_id join unit u on u.id = c.unit_id join person p on p.id = ct.person_id
            """;

    private final JdbcClient jdbc;
    private final AttemptLimiter limiter;
    private final AuditService audit;
    private final CertificatePdf pdf;
    private final String baseUrl;

    CertificateService(JdbcClient jdbc, AttemptLimiter limiter, AuditService audit, CertificatePdf pdf,
                       @Value("${tongxin.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.limiter = limiter;
        this.audit = audit;
        this.pdf = pdf;
        this.baseUrl = baseUrl;
    }

    /** Lookups one address may make; a person checking a stack of certificates by hand stays far below it. */
    static final AttemptLimiter.Limit LOOKUPS = new AttemptLimiter.Limit("VERIFY_ADDRESS", 30, Duration.ofMinutes(10));
    private static final Pattern NUMBER = Pattern.compile("TX-[0-9]{4}-[0-9]{6,12}-[0-9A-F]{10}");

    /**
     * Public: whether a number belongs to a valid certificate, with the class and issue date only. Numbers carry a
     * random part and each address may look up {@link #LOOKUPS} of them, so they cannot be enumerated.
     * Not transactional: the lookup count must hold whatever happens after it.
     */
    @PreAuthorize("permitAll()")
    public Optional<Verification> verify(String number, String remoteAddress) {
        if (!limiter.reserve(LOOKUPS, String.valueOf(remoteAddress)).allowed()) {
            throw new DomainException("certificate.verify.too-many");
        }
        String normalized = number == null ? "" : number.trim().toUpperCase(Locale.ROOT);
        if (!NUMBER.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where ct.number = :n").param("n", normalized).query(CertificateService::row).optional()
                .map(r -> new Verification(r.c().number(), r.c().valid(), r.c().classTitle(), r.c().unitName(),
                        LocalDate.ofInstant(r.c().issuedAt(), Application.ZONE), mask(r.c().personName())));
    }

    /** The certificate of an enrollment, if one was issued and the caller may read it. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Certificate> ofEnrollment(long enrollmentId) {
        Caller caller = Callers.require();
        return jdbc.sql(SELECT + " where ct.enrollment_id = :e").param("e", enrollmentId).query(CertificateService::row)
                .optional().filter(r -> mayRead(caller, r)).map(Row::c);
    }

    /** The caller's own valid certificates, newest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Certificate> mine() {
        Caller caller = Callers.require();
        if (caller.personId() == null) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where ct.person_id = :p and e.status = 'COMPLETED' order by ct.issued_at desc")
                .param("p", caller.personId()).query(CertificateService::row).list().stream().map(Row::c).toList();
    }

    /** The PDF of a valid certificate (audited: it carries the person's name). */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public byte[] pdf(long enrollmentId, Locale locale) {
        Certificate c = ofEnrollment(enrollmentId).filter(Certificate::valid)
                .orElseThrow(() -> new DomainException("certificate.error.not-found"));
        audit.record(AuditService.EXPORT, TARGET, c.id(), c.number(), AuditDetail.of("export.pdf"));
        return pdf.render(c, verifyUrl(c.number()), locale);
    }

    public String verifyUrl(String number) {
        return baseUrl + "/verify/" + number;
    }

    private static boolean mayRead(Caller caller, Row r) {
        if (caller.isPerson(r.c().personId())) {
            return true;
        }
        boolean staff = caller.isAdmin() || caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER);
        if (staff && caller.managesUnit(r.unitPath())) {
            return true;
        }
        throw new AccessDeniedException("certificate outside scope");
    }

    /** 张三 → 张*, 欧阳明月 → 欧***. */
    static String mask(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String n = name.trim();
        int first = n.offsetByCodePoints(0, 1);
        return n.substring(0, first) + "*".repeat(Math.max(1, n.codePointCount(first, n.length())));
    }

    private record Row(Certificate c, String unitPath) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(new Certificate(rs.getLong("id"), rs.getString("number"), rs.getLong("enrollment_id"),
                rs.getLong("person_id"), rs.getString("person_name"), rs.getLong("class_id"), rs.getString("title"),
                rs.getString("unit_name"), rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                rs.getBigDecimal("hours"), rs.getTimestamp("issued_at").toInstant(), rs.getBoolean("valid")),
                rs.getString("unit_path"));
    }
}
