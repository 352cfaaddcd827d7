package cn.tongxin.attendance;

import cn.tongxin.security.AttemptLimiter;
import cn.tongxin.security.AttemptLimiter.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How many wrong door codes a person and an address may type (docs/design-decisions/009-attempt-limits.md).
 * Each guess of a six-digit code has a chance of 2 in 1,000,000 (the code of now and of the previous rotation are
 * accepted); these limits keep a person to at most 20 guesses a day, and a venue's shared address to 60 wrong codes
 * in 10 minutes. Only failures count: a code that matched gives its try back.
 */
@Component
class DoorCodeLimits {

    static final Limit PERSON = new Limit("DOOR_CODE_PERSON", 5, Duration.ofMinutes(10));
    static final Limit PERSON_DAY = new Limit("DOOR_CODE_PERSON_DAY", 20, Duration.ofDays(1));
    /** A whole class on the venue's Wi-Fi shares one address: high enough for their typos, low for a script. */
    static final Limit ADDRESS = new Limit("DOOR_CODE_ADDRESS", 60, Duration.ofMinutes(10));

    /** Refusal reasons (sign_in_refusal.reason) of a try over a person's or an address's limit. */
    static final String TRIES_PERSON = "TRIES_PERSON";
    static final String TRIES_ADDRESS = "TRIES_ADDRESS";

    private record Keyed(Limit limit, String key) {
    }

    /** The tries taken for one typed code, or the limit that refused it and how long until it lets tries again. */
    record Reservation(List<Keyed> taken, Limit refusedBy, Duration retryAfter) {

        boolean allowed() {
            return refusedBy == null;
        }

        String refusalReason() {
            return refusedBy == ADDRESS ? TRIES_ADDRESS : TRIES_PERSON;
        }
    }

    private final AttemptLimiter limiter;

    DoorCodeLimits(AttemptLimiter limiter) {
        this.limiter = limiter;
    }

    /**
     * Takes a try from each of the person's limits and the address's (when there is one), before the code is checked.
     * At the first limit that is used up the tries taken so far are given back: a person locked out does not use up
     * the venue's address, and an address locked out does not use up the person.
     */
    Reservation reserve(long personId, ClientInfo client) {
        // Within a transaction the count would be rolled back with a failure, and its row lock held during the check.
        Assert.state(!TransactionSynchronizationManager.isActualTransactionActive(),
                "door-code tries are counted outside a transaction");
        List<Keyed> keys = new ArrayList<>(List.of(new Keyed(PERSON, "person:" + personId),
                new Keyed(PERSON_DAY, "person:" + personId)));
        String network = client.network();
        if (network != null) {
            keys.add(new Keyed(ADDRESS, network));
        }
        List<Keyed> taken = new ArrayList<>();
        for (Keyed keyed : keys) {
            AttemptLimiter.Verdict verdict = limiter.reserve(keyed.limit(), keyed.key());
            if (!verdict.allowed()) {
                taken.forEach(this::release);
                return new Reservation(List.of(), keyed.limit(), verdict.retryAfter());
            }
            taken.add(keyed);
        }
        return new Reservation(List.copyOf(taken), null, Duration.ZERO);
    }

    /** The code matched: its tries do not count against anyone. */
    void matched(Reservation reservation) {
        reservation.taken().forEach(this::release);
    }

    private void release(Keyed keyed) {
        limiter.release(keyed.limit(), keyed.key());
    }
}
