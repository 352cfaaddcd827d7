package cn.tongxin.people;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.base.DomainException;
import cn.tongxin.base.Translations;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Roster import (名册导入) from Excel: a template to fill in, a preview that checks every row with
 * {@link PersonRules} and against the reference data, the caller's units and the people already
 * registered, and the import itself: one transaction, batch inserts, audited.
 * <p>
 * Fast by construction: the reference data and the caller's units are read once, the registered
 * identity numbers are looked up in one query for the whole file, and the people are written with
 * two set-based inserts ({@code unnest} of arrays), not row by row.
 */
@Service
public class RosterImportService {

    /** The most rows one file may have; more is almost surely the wrong file. */
    public static final int MAX_ROWS = 20_000;
    /** How far down the header row may be (below a title, a date, a note). */
    static final int MAX_ROWS_BEFORE_HEADER = 10;
    public static final String XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final Logger log = LoggerFactory.getLogger(RosterImportService.class);
    private static final Pattern DATE_TEXT = Pattern.compile("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$");
    private static final Pattern DATE_DIGITS = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})$");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;，；\\s]+");
    private static final Pattern UNIT_SEPARATORS = Pattern.compile("\\s*[/>]\\s*");

    private final UnitRepository units;
    private final SectorRepository sectors;
    private final PartyRepository parties;
    private final JdbcTemplate jdbc;
    private final AuditService audit;
    private final Clock clock;

    RosterImportService(UnitRepository units, SectorRepository sectors, PartyRepository parties, JdbcTemplate jdbc,
                        AuditService audit, Clock clock) {
        this.units = units;
        this.sectors = sectors;
        this.parties = parties;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    // --- the template ---

    /**
     * An empty roster to fill in: the headers in Chinese with a note on each, text-formatted number columns,
     * and a second sheet listing the sectors, parties and the caller's own units as they must be written.
     */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')")
    @Transactional(readOnly = true)
    public void writeTemplate(OutputStream out) throws IOException {
        Lookups lookups = lookups(Callers.require());
        Locale zh = Translations.CHINESE;
        Workbook workbook = new Workbook(out, "Tongxin", "1.0");
        Worksheet sheet = workbook.newWorksheet(Translations.get(zh, "roster.template.sheet"));
        RosterColumn[] columns = RosterColumn.values();
        for (int c = 0; c < columns.length; c++) {
            RosterColumn column = columns[c];
            sheet.value(0, c, column.header(zh));
            sheet.style(0, c).bold().fillColor(column.required ? "F4CCCC" : "EEEEEE").set();
            sheet.comment(0, c, Translations.get(zh, column.key + ".hint"));
            sheet.width(c, column == RosterColumn.SECTORS || column == RosterColumn.UNIT ? 24 : 14);
        }
        sheet.width(RosterColumn.ID_CARD.ordinal(), 22);
        // Long digit strings must stay text, or Excel turns an identity number into 1.10101E+17.
        sheet.style(RosterColumn.ID_CARD.ordinal()).format("@").set();
        sheet.style(RosterColumn.PHONE.ordinal()).format("@").set();
        sheet.style(RosterColumn.BIRTH_DATE.ordinal()).format("yyyy-mm-dd").set();
        sheet.freezePane(0, 1);

        Worksheet help = workbook.newWorksheet(Translations.get(zh, "roster.template.help-sheet"));
        help.width(0, 40);
        help.width(1, 40);
        help.width(2, 40);
        help.value(0, 0, Translations.get(zh, "roster.template.help-intro"));
        help.value(2, 0, Translations.get(zh, "roster.column.sectors"));
        help.value(2, 1, Translations.get(zh, "roster.column.party"));
        help.value(2, 2, Translations.get(zh, "roster.column.unit"));
        for (int c = 0; c < 3; c++) {
            help.style(2, c).bold().fillColor("EEEEEE").set();
        }
        List<String> sectorNames = lookups.sectorIds.keySet().stream().toList();
        List<String> partyNames = lookups.partyList.stream().map(p -> p.label().equals(p.name()) ? p.name() : p.name() + "（" + p.label() + "）").toList();
        List<String> unitNames = lookups.unitList.stream().filter(u -> lookups.caller.managesUnit(u.path()))
                .map(lookups::unitLabel).toList();
        int rows = Math.max(sectorNames.size(), Math.max(partyNames.size(), unitNames.size()));
        for (int r = 0; r < rows; r++) {
            if (r < sectorNames.size()) {
                help.value(r + 3, 0, sectorNames.get(r));
            }
            if (r < partyNames.size()) {
                help.value(r + 3, 1, partyNames.get(r));
            }
            if (r < unitNames.size()) {
                help.value(r + 3, 2, unitNames.get(r));
            }
        }
        workbook.finish();
    }

    // --- the preview ---

    /** Reads and checks a roster; writes nothing. Refuses a file it cannot read, with no rows, or too many. */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')")
    @Transactional(readOnly = true)
    public RosterPreview preview(String fileName, byte[] xlsx) {
        long started = System.nanoTime();
        Lookups lookups = lookups(Callers.require());
        LocalDate today = LocalDate.now(clock);
        List<Parsed> parsed = read(xlsx).stream().map(raw -> parse(raw, lookups, today)).toList();

        // Duplicates inside the file: the later row is the one reported.
        Map<String, Integer> firstRowOf = new HashMap<>();
        for (Parsed p : parsed) {
            String id = p.data == null ? null : p.data.idCard();
            if (id != null && !p.issues.containsKey(PersonRules.ID_CARD)) {
                Integer first = firstRowOf.putIfAbsent(id, p.rowNumber);
                if (first != null) {
                    p.issues.put(PersonRules.ID_CARD, new RosterIssue(RosterColumn.ID_CARD.key,
                            "roster.error.id-card-repeated", List.of(String.valueOf(first))));
                }
            }
        }
        // Against the people already registered: one query for the whole file. The same person (same number,
        // same name) is the organizer's to update or skip; another name under the number stays an error.
        Map<String, Registered> registered = registered(firstRowOf.keySet(), false);
        for (Parsed p : parsed) {
            String id = p.data == null ? null : p.data.idCard();
            Registered r = id == null || p.issues.containsKey(PersonRules.ID_CARD) ? null : registered.get(id);
            if (r == null) {
                continue;
            }
            if (!sameName(r.name, p.data.name())) {
                p.issues.put(PersonRules.ID_CARD, new RosterIssue(RosterColumn.ID_CARD.key, "person.error.id-card-duplicate", List.of()));
            } else if (!lookups.caller.managesUnit(r.unitPath)) {
                p.issues.put(PersonRules.ID_CARD, new RosterIssue(RosterColumn.ID_CARD.key, "roster.error.registered-elsewhere", List.of()));
            } else {
                p.registered = true;
            }
        }
        List<RosterRow> good = new ArrayList<>();
        List<RosterProblem> bad = new ArrayList<>();
        Map<String, Integer> toConfirm = new LinkedHashMap<>();
        for (Parsed p : parsed) {
            if (p.issues.isEmpty()) {
                good.add(new RosterRow(p.rowNumber, p.data, p.data.unitId() == null ? null : lookups.unitNames.get(p.data.unitId()),
                        p.data.partyId() == null ? null : lookups.partyLabels.get(p.data.partyId()),
                        p.data.sectorIds().stream().sorted(Comparator.comparingInt(lookups.sectorOrder::get))
                                .map(lookups.sectorNames::get).collect(Collectors.joining("、")),
                        p.unitToConfirm, p.registered, p.filled, p.warnings));
                if (p.unitToConfirm != null) {
                    toConfirm.merge(p.unitToConfirm, 1, Integer::sum);
                }
            } else {
                bad.add(new RosterProblem(p.rowNumber, p.name, List.copyOf(p.issues.values())));
            }
        }
        List<RosterUnitMatch> matches = toConfirm.entrySet().stream()
                .map(e -> new RosterUnitMatch(e.getKey(), e.getValue(), lookups.unitFor(e.getKey()).candidates)).toList();
        log.info("Roster preview of {}: {} rows, {} good ({} registered, {} awaiting {} unit mappings), {} bad, in {} ms",
                fileName, parsed.size(), good.size(), good.stream().filter(RosterRow::registered).count(),
                good.stream().filter(r -> r.unitToConfirm() != null).count(), matches.size(), bad.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new RosterPreview(fileName, good, bad, matches);
    }

    /** Names compared as people write them: "许 清" and "许清" are one name. */
    private static boolean sameName(String registered, String written) {
        return registered != null && written != null
               && Text.normalize(registered).replace(" ", "").equals(Text.normalize(written).replace(" ", ""));
    }

    // --- the import ---

    /**
     * Writes the good rows of a preview, all or nothing, with the organizer's choices: the unit mappings (each
     * must be a unit the caller manages) and whether registered people are updated. With rows left out (bad rows,
     * rows whose unit is not mapped) it refuses unless {@code skipBadRows} (the organizer's explicit "import only
     * the good rows"). Every row is checked again, since the data may have changed since the preview (an
     * identity number registered meanwhile) and the preview comes back from the browser's session.
     */
    @PreAuthorize("hasAnyRole('" + Roles.ADMIN + "','" + Roles.ORGANIZER + "')")
    @Transactional
    public RosterImportResult importRows(RosterPreview preview, RosterChoices choices, boolean skipBadRows) {
        long started = System.nanoTime();
        long leftOut = preview.leftOutWith(choices);
        if (leftOut > 0 && !skipBadRows) {
            throw new DomainException("roster.error.has-problems", leftOut);
        }
        Lookups lookups = lookups(Callers.require());
        for (var mapping : choices.units().entrySet()) {
            if (!lookups.scopeUnitIds.contains(mapping.getValue())) {
                throw new DomainException("roster.error.unit-out-of-scope", mapping.getKey());
            }
        }
        LocalDate today = LocalDate.now(clock);
        List<PersonData> created = new ArrayList<>();
        List<RosterRow> updates = new ArrayList<>();
        Set<String> idCards = new HashSet<>();
        int unchanged = 0;
        for (RosterRow row : preview.goodRows()) {
            if (row.leftOutWith(choices)) {
                continue;
            }
            if (!row.writtenWith(choices)) {
                unchanged++;            // a registered person, left as they are
                continue;
            }
            PersonData d = row.data().normalized();
            if (row.unitToConfirm() != null) {
                d = withUnit(d, choices.units().get(row.unitToConfirm()));
            }
            boolean ok = PersonRules.check(d, today).isEmpty()
                    && lookups.scopeUnitIds.contains(d.unitId())
                    && lookups.sectorNames.keySet().containsAll(d.sectorIds())
                    && (d.partyId() == null || lookups.partyLabels.containsKey(d.partyId()))
                    && (d.idCard() == null || idCards.add(d.idCard()))
                    && (!row.registered() || d.idCard() != null);
            if (!ok) {
                throw new DomainException("roster.error.stale");
            }
            if (d.birthDate() == null && d.idCard() != null) {
                d = new PersonData(d.name(), d.gender(), d.ethnicity(), IdCard.birthDate(d.idCard()).orElse(null),
                        d.idCard(), d.phone(), d.email(), d.unitId(), d.partyId(), d.sectorIds(), d.position(),
                        d.representative(), d.status());
            }
            if (row.registered()) {
                updates.add(row.withData(d));
            } else {
                created.add(d);
            }
        }
        if (created.isEmpty() && updates.isEmpty()) {
            throw new DomainException("roster.error.nothing-to-import");
        }
        // The register as it is now: new people must still be new, registered ones still theirs to update.
        Map<String, Registered> registered = registered(idCards, true);
        List<Long> updateIds = new ArrayList<>(updates.size());
        for (PersonData d : created) {
            if (d.idCard() != null && registered.containsKey(d.idCard())) {
                throw new DomainException("roster.error.stale");
            }
        }
        for (RosterRow row : updates) {
            Registered r = registered.get(row.data().idCard());
            if (r == null || !sameName(r.name, row.data().name()) || !lookups.caller.managesUnit(r.unitPath)) {
                throw new DomainException("roster.error.stale");
            }
            updateIds.add(r.id);
        }
        try {
            if (!created.isEmpty()) {
                insert(created);
            }
            if (!updates.isEmpty()) {
                update(updates, updateIds);
            }
        } catch (DataIntegrityViolationException e) {
            // Someone registered one of these numbers in the very last moment: nothing is written.
            throw new DomainException("roster.error.stale");
        }
        List<Integer> leftOutRows = new ArrayList<>();
        preview.badRows().forEach(p -> leftOutRows.add(p.rowNumber()));
        preview.goodRows().stream().filter(r -> r.leftOutWith(choices)).forEach(r -> leftOutRows.add(r.rowNumber()));
        leftOutRows.sort(null);
        String detail = AuditDetail.of("roster.imported", created.size(), preview.totalRows(), updates.size(), unchanged,
                choices.units().isEmpty() ? "—" : choices.units().entrySet().stream()
                        .map(e -> e.getKey() + "→" + lookups.unitNames.get(e.getValue())).sorted().collect(Collectors.joining("，")),
                leftOutRows.isEmpty() ? "—" : leftOutRows.stream().map(String::valueOf).collect(Collectors.joining(",")));
        audit.record(AuditService.IMPORT, PersonService.TARGET, null, truncate(preview.fileName(), 200), truncate(detail, 2000));
        log.info("Roster import of {}: {} people added, {} updated in {} ms", preview.fileName(), created.size(),
                updates.size(), (System.nanoTime() - started) / 1_000_000);
        return new RosterImportResult(created.size(), updates.size(), unchanged, leftOutRows.size());
    }

    private static PersonData withUnit(PersonData d, Long unitId) {
        return new PersonData(d.name(), d.gender(), d.ethnicity(), d.birthDate(), d.idCard(), d.phone(), d.email(),
                unitId, d.partyId(), d.sectorIds(), d.position(), d.representative(), d.status());
    }

    /** Two statements for any number of people: ids from the sequence, then set-based inserts of arrays. */
    private void insert(List<PersonData> people) {
        int n = people.size();
        List<Long> ids = jdbc.queryForList("select nextval(pg_get_serial_sequence('person', 'id')) from generate_series(1, ?)",
                Long.class, n);
        Long[] id = ids.toArray(Long[]::new);
        String[] name = new String[n], gender = new String[n], ethnicity = new String[n], birth = new String[n],
                idCard = new String[n], phone = new String[n], email = new String[n], position = new String[n],
                status = new String[n];
        Long[] unit = new Long[n], party = new Long[n];
        Boolean[] representative = new Boolean[n];
        List<Long> sectorPerson = new ArrayList<>();
        List<Long> sectorId = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PersonData d = people.get(i);
            name[i] = d.name();
            gender[i] = d.gender().name();
            ethnicity[i] = d.ethnicity();
            birth[i] = d.birthDate() == null ? null : d.birthDate().toString();
            idCard[i] = d.idCard();
            phone[i] = d.phone();
            email[i] = d.email();
            unit[i] = d.unitId();
            party[i] = d.partyId();
            position[i] = d.position();
            representative[i] = d.representative();
            status[i] = d.status().name();
            for (Long s : d.sectorIds()) {
                sectorPerson.add(id[i]);
                sectorId.add(s);
            }
        }
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    insert into person (id, name, gender, ethnicity, birth_date, id_card, phone, email, unit_id, party_id,
                                        position, representative, status)
                    select * from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::date[], ?::varchar[],
                                         ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::boolean[],
                                         ?::varchar[])""")) {
                Object[][] columns = {id, name, gender, ethnicity, birth, idCard, phone, email, unit, party, position,
                        representative, status};
                String[] types = {"int8", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar", "varchar",
                        "int8", "int8", "varchar", "bool", "varchar"};
                for (int c = 0; c < columns.length; c++) {
                    ps.setArray(c + 1, con.createArrayOf(types[c], columns[c]));
                }
                ps.executeUpdate();
            }
            insertSectors(con, sectorPerson, sectorId);
            return null;
        });
    }

    /**
     * Registered people from a roster, in two statements for any number: the row's values over the registered ones,
     * a value the row leaves blank kept as registered; the sectors as the row names them. The name stays as
     * registered (the same name, perhaps spaced differently); the version moves on, so an open form notices.
     */
    private void update(List<RosterRow> rows, List<Long> personIds) {
        int n = rows.size();
        Long[] id = personIds.toArray(Long[]::new);
        String[] gender = new String[n], ethnicity = new String[n], birth = new String[n], phone = new String[n],
                email = new String[n], position = new String[n];
        Long[] unit = new Long[n], party = new Long[n];
        Boolean[] representative = new Boolean[n];
        List<Long> sectorPerson = new ArrayList<>();
        List<Long> sectorId = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PersonData d = rows.get(i).data();
            Set<String> filled = rows.get(i).filled();
            gender[i] = d.gender().name();
            ethnicity[i] = d.ethnicity();
            birth[i] = d.birthDate() == null ? null : d.birthDate().toString();
            phone[i] = d.phone();
            email[i] = d.email();
            unit[i] = d.unitId();
            party[i] = d.partyId();
            position[i] = d.position();
            representative[i] = filled.contains(RosterColumn.REPRESENTATIVE.field) ? d.representative() : null;
            for (Long s : d.sectorIds()) {
                sectorPerson.add(id[i]);
                sectorId.add(s);
            }
        }
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    update person p set gender = v.gender, ethnicity = coalesce(v.ethnicity, p.ethnicity),
                           birth_date = coalesce(v.birth_date, p.birth_date), phone = coalesce(v.phone, p.phone),
                           email = coalesce(v.email, p.email), unit_id = v.unit_id, party_id = coalesce(v.party_id, p.party_id),
                           position = coalesce(v.position, p.position),
                           representative = coalesce(v.representative, p.representative), version = p.version + 1
                    from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::date[], ?::varchar[], ?::varchar[], ?::bigint[],
                                ?::bigint[], ?::varchar[], ?::boolean[])
                         as v(id, gender, ethnicity, birth_date, phone, email, unit_id, party_id, position, representative)
                    where p.id = v.id""")) {
                Object[][] columns = {id, gender, ethnicity, birth, phone, email, unit, party, position, representative};
                String[] types = {"int8", "varchar", "varchar", "varchar", "varchar", "varchar", "int8", "int8", "varchar", "bool"};
                for (int c = 0; c < columns.length; c++) {
                    ps.setArray(c + 1, con.createArrayOf(types[c], columns[c]));
                }
                ps.executeUpdate();
            }
            try (PreparedStatement ps = con.prepareStatement("delete from person_sector where person_id = any(?)")) {
                ps.setArray(1, con.createArrayOf("int8", id));
                ps.executeUpdate();
            }
            insertSectors(con, sectorPerson, sectorId);
            return null;
        });
    }

    /** A registered person as the import needs them: to tell the same person from another under the number. */
    private record Registered(long id, String name, String unitPath) {
    }

    /**
     * The people registered under these numbers, in one query, by number. {@code lock}: for the import, so that
     * no one renames or moves them between this check and the update.
     */
    private Map<String, Registered> registered(Set<String> idCards, boolean lock) {
        if (idCards.isEmpty()) {
            return Map.of();
        }
        String[] numbers = idCards.toArray(String[]::new);
        return jdbc.execute((ConnectionCallback<Map<String, Registered>>) con -> {
            try (PreparedStatement ps = con.prepareStatement(
                    "select p.id_card, p.id, p.name, u.path from person p join unit u on u.id = p.unit_id where p.id_card = any(?)"
                    + (lock ? " for update of p" : ""))) {
                ps.setArray(1, con.createArrayOf("varchar", numbers));
                Map<String, Registered> found = new HashMap<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), new Registered(rs.getLong(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return found;
            }
        });
    }

    // --- reading the workbook ---

    /** One data row as text by column, with its Excel row number. */
    private record RawRow(int rowNumber, Map<RosterColumn, Cell> cells) {
    }

    private List<RawRow> read(byte[] xlsx) {
        if (xlsx == null || xlsx.length < 4 || !ReadableWorkbook.isOOXMLZipHeader(Arrays.copyOf(xlsx, 8))) {
            throw new DomainException("roster.error.unreadable");
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false));
             Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            Iterator<Row> it = stream.iterator();
            Map<RosterColumn, Integer> columnIndex = null;
            DomainException noHeader = null;
            int rowsBeforeHeader = 0;
            List<RawRow> rows = new ArrayList<>();
            while (it.hasNext()) {
                Row row = it.next();
                if (columnIndex == null) {
                    // The header is the first row naming the required columns; a title row may come before it.
                    if (row.stream().anyMatch(c -> c != null && !blank(text(c)))) {
                        try {
                            columnIndex = headers(row);
                        } catch (DomainException e) {
                            noHeader = noHeader == null ? e : noHeader;
                            if (++rowsBeforeHeader == MAX_ROWS_BEFORE_HEADER) {
                                throw noHeader;
                            }
                        }
                    }
                    continue;
                }
                Map<RosterColumn, Cell> cells = new EnumMap<>(RosterColumn.class);
                boolean any = false;
                for (var e : columnIndex.entrySet()) {
                    Cell cell = row.getOptionalCell(e.getValue()).orElse(null);
                    if (cell != null && !blank(text(cell))) {
                        cells.put(e.getKey(), cell);
                        any = true;
                    }
                }
                if (any) {
                    if (rows.size() == MAX_ROWS) {
                        throw new DomainException("roster.error.too-many-rows", MAX_ROWS);
                    }
                    rows.add(new RawRow(row.getRowNum(), cells));
                }
            }
            if (columnIndex == null && noHeader != null) {
                throw noHeader;
            }
            if (rows.isEmpty()) {
                throw new DomainException("roster.error.empty");
            }
            return rows;
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            log.info("Unreadable roster: {}", e.toString());
            throw new DomainException("roster.error.unreadable");
        }
    }

    private static Map<RosterColumn, Integer> headers(Row row) {
        Map<RosterColumn, Integer> index = new EnumMap<>(RosterColumn.class);
        for (Cell cell : row) {
            if (cell == null) {
                continue;
            }
            String header = text(cell);
            for (RosterColumn column : RosterColumn.values()) {
                if (!index.containsKey(column) && column.matches(header)) {
                    index.put(column, cell.getColumnIndex());
                }
            }
        }
        List<String> missing = Arrays.stream(RosterColumn.values()).filter(c -> c.required && !index.containsKey(c))
                .map(c -> c.header(Translations.CHINESE)).toList();
        if (!missing.isEmpty()) {
            throw new DomainException("roster.error.missing-columns", String.join("、", missing));
        }
        return index;
    }

    /** A cell as the person typed it: numbers without exponent or trailing '.0' (phones typed as numbers). */
    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return null;
        }
        String raw = cell.getType() == CellType.STRING ? cell.asString() : cell.getRawValue();
        if (cell.getType() == CellType.NUMBER && raw != null) {
            try {
                return new BigDecimal(raw.trim()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        if (cell.getType() == CellType.BOOLEAN && raw != null) {
            return "1".equals(raw.trim()) || "true".equalsIgnoreCase(raw.trim()) ? "是" : "否";
        }
        return raw;
    }

    private static boolean blank(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u3000') {
                return false;
            }
        }
        return true;
    }

    // --- checking one row ---

    /** A row under check: the data read so far, the issues by field, what the import decided for it. */
    private static final class Parsed {
        final int rowNumber;
        final Map<String, RosterIssue> issues = new LinkedHashMap<>();
        List<RosterIssue> warnings = List.of();
        Set<String> filled = Set.of();
        String name;
        PersonData data;
        String unitToConfirm;
        boolean registered;

        Parsed(int rowNumber) {
            this.rowNumber = rowNumber;
        }

        void issue(RosterColumn column, String key, String... args) {
            issues.putIfAbsent(column.field, new RosterIssue(column.key, key, List.of(args)));
        }

        void warn(RosterColumn column, String key, String... args) {
            if (warnings.isEmpty()) {
                warnings = new ArrayList<>(2);
            }
            warnings.add(new RosterIssue(column.key, key, List.of(args)));
        }
    }

    private Parsed parse(RawRow raw, Lookups lookups, LocalDate today) {
        Parsed p = new Parsed(raw.rowNumber);
        Map<RosterColumn, Cell> cells = raw.cells;
        p.name = Text.clean(text(cells.get(RosterColumn.NAME)));
        String idCard = IdCard.normalize(text(cells.get(RosterColumn.ID_CARD)));
        // A valid number (its check digit holds) decides gender and birth date: what the row writes
        // otherwise is a slip, imported as the number says, with a warning.
        boolean validId = IdCard.isValid(idCard);

        Gender gender = null;
        String genderText = Text.clean(text(cells.get(RosterColumn.GENDER)));
        if (validId) {
            gender = IdCard.gender(idCard) == 'M' ? Gender.M : Gender.F;
            if (genderText != null && gender(genderText) != gender) {
                p.warn(RosterColumn.GENDER, "roster.warning.gender-from-id", genderText);
            }
        } else if (genderText != null) {
            gender = gender(genderText);
            if (gender == null) {
                p.issue(RosterColumn.GENDER, "roster.error.gender", genderText);
            }
        }

        LocalDate birthDate = null;
        Cell birthCell = cells.get(RosterColumn.BIRTH_DATE);
        if (validId) {
            birthDate = IdCard.birthDate(idCard).orElseThrow();
            LocalDate written = birthCell == null ? null : date(birthCell);
            if (birthCell != null && !birthDate.equals(written)) {
                p.warn(RosterColumn.BIRTH_DATE, "roster.warning.birth-date-from-id",
                        written == null ? Text.clean(text(birthCell)) : written.toString(), birthDate.toString());
            }
        } else if (birthCell != null) {
            birthDate = date(birthCell);
            if (birthDate == null) {
                p.issue(RosterColumn.BIRTH_DATE, "roster.error.date", Text.clean(text(birthCell)));
            }
        }

        Long unitId = null;
        String unitText = Text.clean(text(cells.get(RosterColumn.UNIT)));
        if (unitText != null) {
            UnitMatch unit = lookups.unitFor(unitText);
            if (unit.errorKey != null) {
                p.issue(RosterColumn.UNIT, unit.errorKey, unitText);
            } else if (unit.id == null) {
                p.unitToConfirm = unitText;
            }
            unitId = unit.id;
        }

        Set<Long> sectorIds = new LinkedHashSet<>();
        String sectorText = Text.clean(text(cells.get(RosterColumn.SECTORS)));
        if (sectorText != null) {
            List<String> unknown = lookups.resolveSectors(sectorText, sectorIds);
            if (!unknown.isEmpty()) {
                p.issue(RosterColumn.SECTORS, "roster.error.sector-unknown", String.join("、", unknown));
            }
        }

        Long partyId = null;
        String partyText = Text.clean(text(cells.get(RosterColumn.PARTY)));
        if (partyText != null) {
            partyId = lookups.party(partyText);
            if (partyId == null) {
                p.issue(RosterColumn.PARTY, "roster.error.party-unknown", partyText);
            }
        }

        boolean representative = false;
        String repText = Text.clean(text(cells.get(RosterColumn.REPRESENTATIVE)));
        if (repText != null) {
            Boolean yes = yesNo(repText);
            if (yes == null) {
                p.issue(RosterColumn.REPRESENTATIVE, "roster.error.yes-no", repText);
            } else {
                representative = yes;
            }
        }

        PersonData data = new PersonData(p.name, gender, text(cells.get(RosterColumn.ETHNICITY)), birthDate, idCard,
                text(cells.get(RosterColumn.PHONE)), text(cells.get(RosterColumn.EMAIL)), unitId, partyId, sectorIds,
                text(cells.get(RosterColumn.POSITION)), representative, PersonStatus.ACTIVE).normalized();
        for (var e : PersonRules.check(data, today).entrySet()) {
            RosterColumn column = RosterColumn.forField(e.getKey());
            boolean unitAsked = p.unitToConfirm != null && column == RosterColumn.UNIT;
            if (column != null && !unitAsked && !p.issues.containsKey(e.getKey())) {
                p.issue(column, e.getValue());
            }
        }
        p.data = data;
        p.filled = cells.keySet().stream().map(c -> c.field).collect(Collectors.toUnmodifiableSet());
        return p;
    }

    private static Gender gender(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "男", "男性", "m", "male" -> Gender.M;
            case "女", "女性", "f", "female" -> Gender.F;
            default -> null;
        };
    }

    private static Boolean yesNo(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "是", "y", "yes", "true", "1", "√", "✓" -> Boolean.TRUE;
            case "否", "n", "no", "false", "0", "×" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A date cell, an Excel serial number, or text such as 1980-05-01, 1980/5/1, 1980年5月1日, 19800501. */
    private static LocalDate date(Cell cell) {
        String text = Text.clean(text(cell));
        if (text == null) {
            return null;
        }
        Matcher m = DATE_TEXT.matcher(text);
        if (!m.matches()) {
            m = DATE_DIGITS.matcher(text);
            if (!m.matches()) {
                if (cell.getType() == CellType.NUMBER && text.matches("\\d{1,6}(\\.\\d+)?")) {
                    try {
                        return cell.asDate().toLocalDate();
                    } catch (RuntimeException e) {
                        return null;
                    }
                }
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    // --- reference data, read once per file ---

    private Lookups lookups(Caller caller) {
        return new Lookups(caller, units.findAllByOrderByPathAsc(), sectors.findAllOrdered(), parties.findAllOrdered());
    }

    private static final class Lookups {
        final Caller caller;
        final List<UnitRef> unitList;
        final Map<Long, UnitRef> unitById = new HashMap<>();
        final Map<String, List<UnitRef>> unitsByName = new HashMap<>();
        final Map<Long, String> unitNames = new HashMap<>();
        final Set<Long> scopeUnitIds = new HashSet<>();
        /** Active sectors, in their order: name → id. */
        final Map<String, Long> sectorIds = new LinkedHashMap<>();
        final Map<Long, String> sectorNames = new HashMap<>();
        final Map<Long, Integer> sectorOrder = new HashMap<>();
        final List<ReferenceItem> partyList;
        /** Active parties by full and short name. */
        final Map<String, Long> partyIds = new HashMap<>();
        final Map<Long, String> partyLabels = new HashMap<>();
        /** Unit names as compared when a roster's unit is no name of the register's: see {@link #unitKey}. */
        final Map<Long, String> unitKeys = new HashMap<>();
        final Map<String, UnitMatch> unitMatches = new HashMap<>();

        Lookups(Caller caller, List<Unit> units, List<Sector> sectors, List<Party> parties) {
            this.caller = caller;
            this.unitList = units.stream().map(Unit::toRef).toList();
            for (UnitRef u : unitList) {
                unitById.put(u.id(), u);
                unitsByName.computeIfAbsent(Text.normalize(u.name()), k -> new ArrayList<>()).add(u);
                unitNames.put(u.id(), u.name());
                unitKeys.put(u.id(), unitKey(u.name()));
                if (caller.managesUnit(u.path())) {
                    scopeUnitIds.add(u.id());
                }
            }
            int order = 0;
            for (Sector s : sectors) {
                ReferenceItem item = s.toItem();
                if (item.active()) {
                    sectorIds.put(Text.normalize(item.name()), item.id());
                    sectorNames.put(item.id(), item.name());
                    sectorOrder.put(item.id(), order++);
                }
            }
            this.partyList = parties.stream().map(Party::toItem).filter(ReferenceItem::active).toList();
            for (ReferenceItem p : partyList) {
                partyIds.put(Text.normalize(p.name()), p.id());
                partyIds.put(Text.normalize(p.label()), p.id());
                partyLabels.put(p.id(), p.label());
            }
        }

        /** By full or short name; also "中国民主同盟(民盟)" as the template's list writes it. */
        Long party(String text) {
            Long id = partyIds.get(text);
            Matcher m = Pattern.compile("^(.+)\\((.+)\\)$").matcher(text);
            if (id == null && m.matches()) {
                id = partyIds.get(m.group(1).strip());
                if (id == null) {
                    id = partyIds.get(m.group(2).strip());
                }
            }
            return id;
        }

        /** "上级单位/单位" when the name alone is not unique, else the name. */
        String unitLabel(UnitRef u) {
            boolean unique = unitsByName.get(Text.normalize(u.name())).size() == 1;
            UnitRef parent = u.parentId() == null ? null : unitById.get(u.parentId());
            return unique || parent == null ? u.name() : parent.name() + "/" + u.name();
        }

        /**
         * The unit a roster writes, found once per distinct text: its name, or "上级单位/单位" to tell apart units
         * of the same name. Exactly one of the caller's units: that one. Else the organizer is asked (the unit
         * stays null) with the caller's units it may mean: those of the same name, or whose name ends with what is
         * written or is the end of it once "中共" and "统一战线工作部" are set aside (省委统战部 → 江川省委统战部).
         * Only when it names, or resembles, units outside the caller's scope and none inside, it is refused.
         */
        UnitMatch unitFor(String text) {
            return unitMatches.computeIfAbsent(text, this::match);
        }

        private UnitMatch match(String text) {
            String[] parts = UNIT_SEPARATORS.split(text);
            List<UnitRef> named = unitsByName.getOrDefault(parts[parts.length - 1], List.of()).stream()
                    .filter(u -> ancestorsMatch(u, parts)).toList();
            List<UnitRef> inScope = named.stream().filter(u -> scopeUnitIds.contains(u.id())).toList();
            if (inScope.size() == 1) {
                return new UnitMatch(inScope.getFirst().id(), null, inScope);
            }
            if (!inScope.isEmpty()) {
                return new UnitMatch(null, null, inScope);
            }
            if (!named.isEmpty()) {
                return new UnitMatch(null, "roster.error.unit-out-of-scope", List.of());
            }
            String key = unitKey(parts[parts.length - 1]);
            List<UnitRef> similar = unitList.stream().filter(u -> {
                String k = unitKeys.get(u.id());
                return !key.isEmpty() && (k.endsWith(key) || key.endsWith(k));
            }).toList();
            List<UnitRef> similarInScope = similar.stream().filter(u -> scopeUnitIds.contains(u.id())).toList();
            if (similarInScope.isEmpty() && !similar.isEmpty()) {
                return new UnitMatch(null, "roster.error.unit-out-of-scope", List.of());
            }
            return new UnitMatch(null, null, similarInScope);
        }

        private boolean ancestorsMatch(UnitRef unit, String[] parts) {
            UnitRef current = unit;
            for (int i = parts.length - 2; i >= 0; i--) {
                current = current.parentId() == null ? null : unitById.get(current.parentId());
                if (current == null || !Text.normalize(current.name()).equals(parts[i])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Sector names separated by 、 , ; (full- or half-width). A name that itself holds 、
         * (华侨、归侨及侨眷) is found by joining pieces until they name a sector. Returns what is unknown.
         */
        List<String> resolveSectors(String text, Set<Long> into) {
            List<String> unknown = new ArrayList<>();
            for (String part : LIST_SEPARATORS.split(text)) {
                String[] pieces = part.split("、");
                int i = 0;
                while (i < pieces.length) {
                    String piece = pieces[i].strip();
                    if (piece.isEmpty()) {
                        i++;
                        continue;
                    }
                    int matchedTo = -1;
                    StringBuilder joined = new StringBuilder();
                    for (int j = i; j < pieces.length; j++) {
                        if (j > i) {
                            joined.append('、');
                        }
                        joined.append(pieces[j].strip());
                        if (sectorIds.containsKey(joined.toString())) {
                            matchedTo = j;
                            into.add(sectorIds.get(joined.toString()));
                            break;
                        }
                    }
                    if (matchedTo < 0) {
                        unknown.add(piece);
                        i++;
                    } else {
                        i = matchedTo + 1;
                    }
                }
            }
            return unknown;
        }
    }

    /** How a roster's unit came out: the unit, or a refusal (translation key), or the caller's units it may mean. */
    private record UnitMatch(Long id, String errorKey, List<UnitRef> candidates) {
    }

    /** A unit name without what offices add or leave out: spaces, a leading 中共/中国共产党, 统一战线工作部 for 统战部. */
    static String unitKey(String name) {
        String s = Text.normalize(name).replace(" ", "");
        if (s.startsWith("中国共产党")) {
            s = s.substring(5);
        } else if (s.startsWith("中共")) {
            s = s.substring(2);
        }
        return s.replace("统一战线工作部", "统战部");
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The sectors of the people written, in one statement: (person, sector) pairs as two parallel arrays. */
    private static void insertSectors(java.sql.Connection con, List<Long> people, List<Long> sectors) throws java.sql.SQLException {
        try (PreparedStatement ps = con.prepareStatement(
                "insert into person_sector (person_id, sector_id) select * from unnest(?::bigint[], ?::bigint[])")) {
            ps.setArray(1, con.createArrayOf("int8", people.toArray()));
            ps.setArray(2, con.createArrayOf("int8", sectors.toArray()));
            ps.executeUpdate();
        }
    }
}
