package cn.tongxin;

import cn.tongxin.attendance.Occasion;
import cn.tongxin.attendance.OccasionProvider;
import cn.tongxin.attendance.OccasionRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Occasions of kind "TEST" that attendance tests set up directly, so the sign-in rules can be tested
 * on their own; the real providers (class sessions, lectures) have tests of their own with attendance.
 */
public class TestOccasions implements OccasionProvider {

    public static final String KIND = "TEST";
    private static final AtomicLong ids = new AtomicLong(1_000_000);
    private final Map<Long, Occasion> occasions = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> expected = new ConcurrentHashMap<>();

    /** A new occasion of the given unit: window opens at {@code opens}, late at {@code late}, closes at {@code closes}. */
    public Occasion add(String title, String unitPath, Instant opens, Instant late, Instant closes, Set<Long> people) {
        long id = ids.incrementAndGet();
        Occasion o = new Occasion(new OccasionRef(KIND, id), title, "测试班", "报告厅", late.minusSeconds(600), closes.plusSeconds(3600),
                opens, late, closes, unitPath, java.math.BigDecimal.ONE);
        occasions.put(id, o);
        expected.put(id, Set.copyOf(people));
        return o;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The occasions kept in memory, as a VALUES list. */
    @Override
    public String ownersQuery() {
        if (occasions.isEmpty()) {
            return "select null::bigint as id, null::text as unit_path where false";
        }
        return "select * from (values " + occasions.values().stream()
                .map(o -> "(" + o.ref().id() + "::bigint, '" + o.ownerUnitPath().replace("'", "''") + "'::text)")
                .collect(java.util.stream.Collectors.joining(", ")) + ") v(id, unit_path)";
    }

    @Override
    public Optional<Occasion> find(long id) {
        return Optional.ofNullable(occasions.get(id));
    }

    @Override
    public boolean expects(long occasionId, long personId) {
        return expected.getOrDefault(occasionId, Set.of()).contains(personId);
    }

    @Override
    public List<Long> expectedPeople(long occasionId) {
        return List.copyOf(expected.getOrDefault(occasionId, Set.of()));
    }

    @Override
    public List<Occasion> openFor(long personId, Instant at) {
        return occasions.values().stream()
                .filter(o -> expects(o.ref().id(), personId) && !at.isBefore(o.opensAt()) && at.isBefore(o.closesAt()))
                .toList();
    }

    @Override
    public List<Occasion> startingBetween(Instant from, Instant to) {
        return occasions.values().stream().filter(o -> !o.startsAt().isBefore(from) && o.startsAt().isBefore(to)).toList();
    }

    @Override
    public List<Occasion> closedFor(long personId, Instant from, Instant to) {
        return closedBetween(from, to).stream().filter(o -> expects(o.ref().id(), personId)).toList();
    }

    @Override
    public List<Occasion> closedBetween(Instant from, Instant to) {
        return occasions.values().stream().filter(o -> !o.closesAt().isBefore(from) && o.closesAt().isBefore(to)).toList();
    }
}
