package cn.tongxin.lecture;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /calendar/<token>.ics}, open without signing in (calendar programs cannot): the token is the
 * permission. A revoked, unknown or malformed token gets the same bare 404, so the answer says nothing about
 * whether an address ever existed.
 */
@RestController
class CalendarFeedController {

    static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar; charset=utf-8");

    private final CalendarFeeds feeds;

    CalendarFeedController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<byte[]> feed(@PathVariable String token) {
        return feeds.render(token)
                .map(body -> ResponseEntity.ok().contentType(CALENDAR)
                        // private: a shared cache must not keep one person's calendar; polled, so revalidate.
                        .cacheControl(CacheControl.noCache().cachePrivate())
                        .header("X-Robots-Tag", "noindex")
                        .body(body))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
