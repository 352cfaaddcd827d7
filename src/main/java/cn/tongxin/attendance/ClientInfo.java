package cn.tongxin.attendance;

import java.io.Serializable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where a sign-in comes from: the phone's device cookie, its address and browser. */
public record ClientInfo(String deviceId, String address, String userAgent) implements Serializable {

    public static ClientInfo none() {
        return new ClientInfo(null, null, null);
    }

    /**
     * The address as far as the client cannot choose it, for limits and refusal counts: an IPv4 address whole,
     * an IPv6 address as its /64 network (a home or a venue gets a /64 and its devices may use any address in it).
     * Null when there is no address.
     */
    public String network() {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            // ofLiteral never asks DNS, whatever the text.
            if (InetAddress.ofLiteral(address.trim()) instanceof Inet6Address v6) {
                byte[] prefix = new byte[16];
                System.arraycopy(v6.getAddress(), 0, prefix, 0, 8);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return address.trim();
        } catch (IllegalArgumentException | UnknownHostException e) {
            return address.length() <= 64 ? address : address.substring(0, 64);
        }
    }
}
