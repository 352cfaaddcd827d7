package cn.tongxin.attendance;

import java.io.Serializable;

/** Where a sign-in comes from: the phone's device cookie, its address and browser. */
public record ClientInfo(String deviceId, String address, String userAgent) implements Serializable {

    public static ClientInfo none() {
        return new ClientInfo(null, null, null);
    }
}
