package cn.tongxin.base;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * Makes the scripts Vaadin writes into each page safe to carry user text (docs/design-decisions/007).
 * With eager server load the page holds the view's first state as JSON inside an inline script, and Vaadin
 * writes it as it is: a name containing {@code </script>} would end the script and the rest would be read as
 * markup. So, once the page is complete, every inline script gets the two sequences that can end or confuse a
 * script element escaped, and every script this response's CSP nonce.
 */
@Component
class InlineScripts implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(InlineScripts::secure);
    }

    private static void secure(IndexHtmlResponse page) {
        secure(page.getDocument(), SecurityHeaders.nonce(
                ((VaadinServletRequest) page.getVaadinRequest()).getHttpServletRequest(),
                ((VaadinServletResponse) page.getVaadinResponse()).getHttpServletResponse()));
    }

    static void secure(Document page, String nonce) {
        for (Element script : page.getElementsByTag("script")) {
            script.attr("nonce", nonce);
            for (DataNode data : script.dataNodes()) {
                data.setWholeData(escape(data.getWholeData()));
            }
        }
    }

    /**
     * The text of a script that the HTML parser cannot end early: the {@code <} of {@code </} and {@code <!--}
     * becomes its escape (backslash, u003C), and the line and paragraph separators are escaped too. The escape
     * means {@code <} in a JSON or JavaScript string, a template literal and a regular expression, which is where
     * these sequences occur (Vaadin's data is JSON, where text only ever sits in strings); in the JSON it is the
     * very same value.
     */
    static String escape(String script) {
        return script.replace("</", "\\u003C/")
                .replace("<!--", "\\u003C!--")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }
}
