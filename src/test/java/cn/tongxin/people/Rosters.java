package cn.tongxin.people;

import cn.tongxin.security.SystemCaller;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Test data for the people feature: unique identity numbers, units of one's own, roster workbooks. */
public final class Rosters {

    public static final List<String> HEADERS = List.of("姓名", "性别", "民族", "出生日期", "身份证号", "手机", "电子邮箱",
            "单位", "统战对象类别", "党派", "职务", "代表人士");

    /** Area codes from 500000 up: never one of the demo data's (3301xx). */
    private static final AtomicLong NEXT = new AtomicLong(50_000_000L + ThreadLocalRandom.current().nextLong(30_000_000L));

    private Rosters() {
    }

    /** A valid identity number no one else in the shared test database has. */
    public static String idCard(Gender gender, LocalDate birth) {
        long n = NEXT.incrementAndGet();
        String digits = String.format("%08d", n);
        int genderDigit = (int) (n % 5) * 2 + (gender == Gender.M ? 1 : 0);
        return IdCard.withChecksum(digits.substring(0, 6) + birth.toString().replace("-", "") + digits.substring(6, 8) + genderDigit);
    }

    public static String idCard(Gender gender) {
        return idCard(gender, LocalDate.of(1960, 1, 1).plusDays(NEXT.get() % 12_000));
    }

    public static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 100_000_000L, 36) + ThreadLocalRandom.current().nextInt(1000);
    }

    /** A roster workbook: the template's headers, then the rows (null cells stay empty). */
    public static byte[] xlsx(List<List<?>> rows) {
        List<List<?>> all = new ArrayList<>();
        all.add(HEADERS);
        all.addAll(rows);
        return sheet(all);
    }

    /** A workbook with exactly these rows (the first one being whatever header a test wants). */
    public static byte[] sheet(List<List<?>> rows) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet("名册");
            for (int r = 0; r < rows.size(); r++) {
                List<?> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    switch (v) {
                        case null -> { }
                        case Number number -> ws.value(r, c, number);
                        case LocalDate date -> {
                            ws.value(r, c, date);
                            ws.style(r, c).format("yyyy-mm-dd").set();
                        }
                        default -> ws.value(r, c, v.toString());
                    }
                }
            }
            wb.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    /** A unit of the test's own under a demo unit, made by the system. */
    public static UnitRef newUnit(UnitService units, String parentName, String name, UnitKind kind) {
        AtomicReference<UnitRef> made = new AtomicReference<>();
        SystemCaller.runAsSystem(() -> made.set(units.create(unit(units, parentName).id(), name, kind)));
        return made.get();
    }

    public static UnitRef unit(UnitService units, String name) {
        AtomicReference<UnitRef> found = new AtomicReference<>();
        SystemCaller.runAsSystem(() -> found.set(units.visibleUnits().stream().filter(u -> u.name().equals(name))
                .findFirst().orElseThrow()));
        return found.get();
    }

    /** A person made by the system, with a unique identity number; returns the id. */
    public static long newPerson(PersonService people, ReferenceDataService reference, String name, long unitId) {
        long[] id = new long[1];
        SystemCaller.runAsSystem(() -> {
            long sector = reference.sectors().get(0).id();
            long party = reference.parties().get(1).id();
            id[0] = people.create(new PersonData(name, Gender.F, "汉族", null, idCard(Gender.F), "13912345678",
                    null, unitId, party, Set.of(sector), "教授", false, PersonStatus.ACTIVE));
        });
        return id[0];
    }
}
