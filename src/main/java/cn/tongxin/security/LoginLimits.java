package cn.tongxin.security;

import cn.tongxin.security.AttemptLimiter.Limit;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The limits on guessing passwords, all soft: a used-up window ends by itself, and none is a lock a stranger can
 * hold on someone else's account. They count the name as typed, whether or not an account has it, so the answer
 * never tells an existing account from a missing one. Remembered logins pass none of them.
 * <ul>
 *   <li>per name and address, strict: the owner's own phone is not blocked by a stranger's failures elsewhere;</li>
 *   <li>per address, across names: one address spraying one password over many accounts (a training venue's
 *       shared address stays far below it);</li>
 *   <li>per name from any address, a high ceiling against guessing spread over many addresses.</li>
 * </ul>
 */
@Component
class LoginLimits {

    static final Limit PER_NAME_AND_ADDRESS = new Limit("login-name-address", 5, Duration.ofMinutes(15));
    static final Limit PER_ADDRESS = new Limit("login-address", 100, Duration.ofMinutes(15));
    static final Limit PER_NAME = new Limit("login-name", 300, Duration.ofHours(1));

    private final AttemptLimiter limiter;

    LoginLimits(AttemptLimiter limiter) {
        this.limiter = limiter;
    }

    /**
     * Takes one try before the password is checked. Stops at the first limit used up, so that tries refused
     * from one address never count against the name's ceiling (one address alone cannot exhaust it).
     */
    boolean reserve(String typedName, String remoteAddress) {
        for (Keyed k : keys(typedName, remoteAddress)) {
            if (!limiter.reserve(k.limit(), k.key()).allowed()) {
                return false;
            }
        }
        return true;
    }

    /** Gives the try back: the password was right, and only failures count. */
    void release(String typedName, String remoteAddress) {
        keys(typedName, remoteAddress).forEach(k -> limiter.release(k.limit(), k.key()));
    }

    private static List<Keyed> keys(String typedName, String remoteAddress) {
        String name = typedName == null ? "" : typedName.trim().toLowerCase(Locale.ROOT);
        String address = network(remoteAddress);
        return List.of(new Keyed(PER_NAME_AND_ADDRESS, name + '\n' + address), new Keyed(PER_ADDRESS, address),
                new Keyed(PER_NAME, name));
    }

    /**
     * An IPv4 address, or the /64 network of an IPv6 one: a single IPv6 client usually has a whole /64 to pick
     * addresses from.
     */
    static String network(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        try {
            byte[] bytes = InetAddress.ofLiteral(remoteAddress.trim()).getAddress();
            if (bytes.length == 16) {
                Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (Exception e) {
            return remoteAddress.trim();
        }
    }

    private record Keyed(Limit limit, String key) {
    }
}
