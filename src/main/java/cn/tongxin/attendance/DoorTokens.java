package cn.tongxin.attendance;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;

/**
 * The short-lived codes of the door: a signed token (in the QR link) and a 6-digit code, both changing
 * every {@link #ROTATION_SECONDS} seconds and accepted for the current and the previous rotation only,
 * so a photo posted in a group chat stops working within about 20 seconds. They carry no personal data.
 * Also each person's own code of the day, for kiosk scanners.
 */
@Component
class DoorTokens {

    static final int ROTATION_SECONDS = 10;
    private final SecretKeySpec key;
    /** One keyed MAC per thread: looking the algorithm up among the security providers costs more than the MAC. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    DoorTokens(@Value("${tongxin.security.token-key}") String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    static long roundAt(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), ROTATION_SECONDS);
    }

    /** When the round containing {@code at} ends (the door screen shows the next code then). */
    static Instant roundEnds(Instant at) {
        return Instant.ofEpochSecond((roundAt(at) + 1) * ROTATION_SECONDS);
    }

    String token(OccasionRef ref, long round) {
        return ref.kind() + "." + ref.id() + "." + round + "." + mac("door|" + ref + "|" + round, 12);
    }

    String code(OccasionRef ref, long round) {
        byte[] h = hmac("code|" + ref + "|" + round);
        int n = ByteBuffer.wrap(h, 0, 4).getInt() & 0x7fffffff;
        return String.format("%06d", n % 1_000_000);
    }

    /** A token's occasion and round if its signature is right (whatever its age). */
    Optional<Parsed> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.trim().split("\\.");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            OccasionRef ref = new OccasionRef(parts[0], Long.parseLong(parts[1]));
            long round = Long.parseLong(parts[2]);
            boolean signed = MessageDigest.isEqual(parts[3].getBytes(StandardCharsets.US_ASCII),
                    mac("door|" + ref + "|" + round, 12).getBytes(StandardCharsets.US_ASCII));
            return signed ? Optional.of(new Parsed(ref, round)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Accepted for the round it was made in and the next one. */
    static boolean fresh(long round, Instant now) {
        long current = roundAt(now);
        return round == current || round == current - 1;
    }

    /** Whether a typed code is the occasion's code of now or of the previous rotation. */
    boolean codeMatches(OccasionRef ref, String typed, Instant now) {
        long current = roundAt(now);
        return typed.equals(code(ref, current)) || typed.equals(code(ref, current - 1));
    }

    /** Whether the typed code was this occasion's code some minutes ago (an old photo): for the anomaly list. */
    boolean codeWasRecent(OccasionRef ref, String typed, Instant now) {
        long current = roundAt(now);
        for (long r = current - 2; r > current - 60; r--) {
            if (typed.equals(code(ref, r))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A scan ticket: proof, signed here, that {@code token} was fresh when the phone opened the link at
     * {@code scannedAt}. It lets the trainee log in first and tap a little later.
     */
    String ticket(String token, Instant scannedAt) {
        String body = token + "~" + scannedAt.getEpochSecond();
        return body + "~" + mac("ticket|" + body, 12);
    }

    /** The token and scan time of a ticket signed here, if its signature holds. */
    Optional<Ticket> parseTicket(String ticket) {
        if (ticket == null) {
            return Optional.empty();
        }
        String[] parts = ticket.split("~");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String body = parts[0] + "~" + parts[1];
        if (!MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII), mac("ticket|" + body, 12).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Ticket(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    record Ticket(String token, Instant scannedAt) {
    }

    String personalCode(long personId, LocalDate day) {
        String d = day.toString().replace("-", "");
        return "P." + personId + "." + d + "." + mac("person|" + personId + "|" + d, 10);
    }

    /** The person of a personal code, if it is signed and of {@code today}. */
    Optional<Long> personOf(String personalCode, LocalDate today) {
        if (personalCode == null) {
            return Optional.empty();
        }
        String[] parts = personalCode.trim().split("\\.");
        if (parts.length != 4 || !"P".equals(parts[0])) {
            return Optional.empty();
        }
        try {
            long personId = Long.parseLong(parts[1]);
            return personalCode.trim().equals(personalCode(personId, today)) ? Optional.of(personId) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    record Parsed(OccasionRef ref, long round) {
    }

    private String mac(String data, int length) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(data)).substring(0, length);
    }

    private byte[] hmac(String data) {
        // doFinal leaves the MAC reset for the next use.
        return macs.get().doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
