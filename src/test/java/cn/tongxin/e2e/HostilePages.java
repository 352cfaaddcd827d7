package cn.tongxin.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import org.assertj.core.api.SoftAssertions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * What the hostile-input journeys share: pages that record what should never happen (dialogs, console errors,
 * uncaught errors, CSP violations), and the check that a page shows hostile text literally while nothing in it ran.
 * Failures go to the journey's {@link SoftAssertions}, so one run reports every page.
 */
final class HostilePages {

    /** All the text the page shows, shadow roots and field values included, not scripts or styles. */
    static final String PAGE_TEXT = """
            () => {
              const out = [document.title];
              const walk = n => {
                if (n.nodeType === Node.TEXT_NODE) { out.push(n.data); return; }
                if (n.nodeName === 'SCRIPT' || n.nodeName === 'STYLE') return;
                if ((n.nodeName === 'INPUT' || n.nodeName === 'TEXTAREA') && n.value) out.push(n.value);
                if (n.shadowRoot) walk(n.shadowRoot);
                n.childNodes.forEach(walk);
              };
              walk(document.body);
              return out.join('\\u0000');
            }""";

    final SoftAssertions softly;
    /** Dialogs and errors seen since the last check began. */
    final List<String> problems = new CopyOnWriteArrayList<>();
    private final UnaryOperator<String> url;

    /** {@code url} makes a path of the portal a full address. */
    HostilePages(SoftAssertions softly, UnaryOperator<String> url) {
        this.softly = softly;
        this.url = url;
    }

    /** A page that records what should never happen: dialogs, console errors, uncaught errors, CSP violations. */
    Page watched(Page page) {
        page.context().addInitScript("""
                window.__csp = [];
                document.addEventListener('securitypolicyviolation',
                    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));""");
        page.onDialog(dialog -> {
            problems.add("dialog: " + dialog.message());
            dialog.dismiss();
        });
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                problems.add("console error: " + message.text());
            }
        });
        page.onPageError(error -> problems.add("page error: " + error));
        return page;
    }

    /** Opens the page by a full load and checks that every text appears literally and that nothing ran or broke. */
    void check(Page page, String path, String... texts) {
        problems.clear();
        page.navigate(url.apply(path));
        shows(page, path, texts);
    }

    /** The page as it is now (after a click, say) shows every text literally, and nothing ran or broke. */
    void shows(Page page, String what, String... texts) {
        List<String> missing;
        try {
            page.waitForFunction("texts => { const all = (" + PAGE_TEXT + ")(); return texts.every(t => all.includes(t)); }",
                    List.of(texts), new Page.WaitForFunctionOptions().setTimeout(10_000));
            missing = List.of();
        } catch (PlaywrightException timedOut) {
            String all = (String) page.evaluate(PAGE_TEXT);
            missing = List.of(texts).stream().filter(t -> !all.contains(t)).toList();
        }
        page.waitForTimeout(300); // an injected image's error handler would run by now
        softly.assertThat(missing).as("%s: text not shown literally", what).isEmpty();
        nothingRan(page, what);
    }

    void nothingRan(Page page, String what) {
        softly.assertThat(page.evaluate("window.__xss")).as("%s: injected handler ran", what).isNull();
        softly.assertThat(page.evaluate("window.__csp")).as("%s: CSP violations", what).asList().isEmpty();
        softly.assertThat(List.copyOf(problems)).as("%s: dialogs and errors", what).isEmpty();
        problems.clear();
    }
}
