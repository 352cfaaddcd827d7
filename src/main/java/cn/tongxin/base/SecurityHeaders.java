package cn.tongxin.base;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The browser-side rules every response carries (docs/design-decisions/007): a Content-Security-Policy that
 * runs scripts only from the portal itself or with this response's nonce (so text that slipped into the page
 * as markup cannot run: no inline handlers, no foreign scripts), no referrer outside the portal (a scan link
 * holds a door token), and no camera, microphone or location for any page.
 * First in the chain, so that redirects and refusals by Spring Security carry them too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders extends OncePerRequestFilter {

    static final String NONCE_ATTRIBUTE = SecurityHeaders.class.getName() + ".nonce";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Vaadin runs {@code executeJs} through {@code new Function} ('unsafe-eval'); Lumo and Vaadin's components
     * set inline styles. Images include data: URIs (the QR codes). 'self' covers the push websocket.
     */
    static String policy(String nonce) {
        return "default-src 'self'; "
                + "script-src 'self' 'nonce-" + nonce + "' 'unsafe-eval'; "
                + "style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:; "
                + "font-src 'self' data:; "
                + "connect-src 'self'; "
                + "object-src 'none'; "
                + "base-uri 'self'; "
                + "form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        nonce(request, response);
        chain.doFilter(request, response);
    }

    /** The nonce of this request's scripts; the first call makes it and sets the headers. */
    static String nonce(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(NONCE_ATTRIBUTE) instanceof String nonce) {
            return nonce;
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        response.setHeader("Content-Security-Policy", policy(nonce));
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Permissions-Policy", PERMISSIONS);
        return nonce;
    }
}
