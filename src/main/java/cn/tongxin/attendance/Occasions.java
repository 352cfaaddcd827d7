package cn.tongxin.attendance;

import cn.tongxin.base.DomainException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** All features' occasions behind one face, by kind. */
@Component
class Occasions {

    private final Map<String, OccasionProvider> providers;

    Occasions(List<OccasionProvider> providers) {
        this.providers = providers.stream().collect(Collectors.toMap(OccasionProvider::kind, Function.identity()));
    }

    Optional<OccasionProvider> provider(String kind) {
        return Optional.ofNullable(providers.get(kind));
    }

    /**
     * SQL of every occasion of every kind with its owner unit's path (columns {@code kind}, {@code id},
     * {@code unit_path}), to join lists against for the caller's scope.
     */
    String ownersQuery() {
        return providers.values().stream()
                .map(p -> "select '" + p.kind() + "'::text as kind, o.id, o.unit_path from (" + p.ownersQuery() + ") o")
                .collect(Collectors.joining(" union all "));
    }

    Optional<Occasion> find(OccasionRef ref) {
        return provider(ref.kind()).flatMap(p -> p.find(ref.id()));
    }

    Occasion require(OccasionRef ref) {
        return find(ref).orElseThrow(() -> new DomainException("attendance.error.no-occasion"));
    }

    boolean expects(OccasionRef ref, long personId) {
        return provider(ref.kind()).map(p -> p.expects(ref.id(), personId)).orElse(false);
    }

    List<Long> expectedPeople(OccasionRef ref) {
        return provider(ref.kind()).map(p -> p.expectedPeople(ref.id())).orElse(List.of());
    }

    int expectedCount(OccasionRef ref) {
        return provider(ref.kind()).map(p -> p.expectedCount(ref.id())).orElse(0);
    }

    List<Occasion> openFor(long personId, Instant at) {
        return providers.values().stream().flatMap(p -> p.openFor(personId, at).stream()).toList();
    }

    List<Occasion> closedFor(long personId, Instant from, Instant to) {
        return providers.values().stream().flatMap(p -> p.closedFor(personId, from, to).stream()).toList();
    }

    List<Occasion> upcomingFor(long personId, Instant from) {
        return providers.values().stream().flatMap(p -> p.upcomingFor(personId, from).stream())
                .sorted(Comparator.comparing(Occasion::startsAt)).toList();
    }

    List<Occasion> startingBetween(Instant from, Instant to) {
        return providers.values().stream().flatMap(p -> p.startingBetween(from, to).stream())
                .sorted(Comparator.comparing(Occasion::startsAt)).toList();
    }

    List<Occasion> closedBetween(Instant from, Instant to) {
        return providers.values().stream().flatMap(p -> p.closedBetween(from, to).stream()).toList();
    }
}
