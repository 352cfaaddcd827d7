package cn.tongxin.attendance;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * When a phone opens a door link ({@code /s/<token>}), notes in its session, before the login page can
 * intervene, that the code was fresh at that moment. A trainee who must first log in on a new phone can
 * then still tap once signed in, while a photo of the code opened later gets nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ScanTicketFilter extends OncePerRequestFilter {

    static final String PREFIX = "/s/";
    private final SignInService signIn;

    ScanTicketFilter(SignInService signIn) {
        this.signIn = signIn;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !isScanLink(request);
    }

    /** The link in the door's QR code: /s/&lt;token&gt;. */
    static boolean isScanLink(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        signIn.ticketForScan(token).ifPresent(ticket -> request.getSession(true).setAttribute(sessionKey(token), ticket));
        chain.doFilter(request, response);
    }

    /** Where the ticket of a token is kept in the HTTP session. */
    public static String sessionKey(String token) {
        return "tx-scan:" + token;
    }
}
