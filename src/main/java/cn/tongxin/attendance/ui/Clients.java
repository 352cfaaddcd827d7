package cn.tongxin.attendance.ui;

import cn.tongxin.attendance.ClientInfo;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.servlet.http.Cookie;

import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

/** The phone's identity for sign-in: a long-lived device cookie, set on first visit. */
final class Clients {

    static final String DEVICE_COOKIE = "tx-device";
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-f-]{36}");

    private Clients() {
    }

    static ClientInfo current(UI ui) {
        VaadinRequest request = VaadinRequest.getCurrent();
        String device = null;
        if (request != null && request.getCookies() != null) {
            device = Arrays.stream(request.getCookies()).filter(c -> DEVICE_COOKIE.equals(c.getName()))
                    .map(Cookie::getValue).filter(v -> DEVICE_ID.matcher(v).matches()).findFirst().orElse(null);
        }
        if (device == null) {
            device = UUID.randomUUID().toString();
            ui.getPage().executeJs("document.cookie = $0 + '=' + $1 + '; path=/; max-age=315360000; samesite=lax'",
                    DEVICE_COOKIE, device);
        }
        return new ClientInfo(device, request == null ? null : request.getRemoteAddr(),
                request == null ? null : request.getHeader("User-Agent"));
    }
}
