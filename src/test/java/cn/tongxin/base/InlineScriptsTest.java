package cn.tongxin.base;

import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class InlineScriptsTest {

    static final String HOSTILE = "</script><img src=x onerror=alert(1)> </SCRIPT > <!--<script> \u2028\u2029 \\</ 😀";
    static final String PREFIX = "window.Vaadin = window.Vaadin || {};window.Vaadin.TypeScript= ";
    private final ObjectMapper json = new ObjectMapper();

    /** The page as Vaadin writes it with eager server load: the view's first state as JSON in an inline script. */
    private Document bootstrapPage(JsonNode initial) {
        Document page = Jsoup.parse("<!DOCTYPE html><html><head></head><body><div id=outlet></div></body></html>");
        Element script = page.head().appendElement("script").attr("initial", "");
        script.appendChild(new DataNode(PREFIX + initial + ";"));
        page.head().appendElement("script").attr("type", "module").attr("src", "VAADIN/build/index.js");
        return page;
    }

    private ObjectNode initialWith(String text) {
        ObjectNode initial = json.createObjectNode();
        initial.putObject("appConfig").putObject("uidl").putArray("changes").addObject().put("value", text);
        return initial;
    }

    @Test
    void hostile_text_in_the_bootstrap_data_cannot_end_its_script_and_reads_back_as_the_same_json() {
        ObjectNode initial = initialWith(HOSTILE);
        Document page = bootstrapPage(initial);
        assertThat(Jsoup.parse(page.html()).select("img")).as("unescaped, the name breaks out").isNotEmpty();

        InlineScripts.secure(page, "n0nce");

        Document read = Jsoup.parse(page.html());
        assertThat(read.select("img")).isEmpty();
        assertThat(read.select("script")).hasSize(2).allSatisfy(s -> assertThat(s.attr("nonce")).isEqualTo("n0nce"));
        String data = read.selectFirst("script[initial]").data();
        assertThat(data).doesNotContainIgnoringCase("</script").doesNotContain("<!--", "\u2028", "\u2029");
        JsonNode back = json.readTree(data.substring(PREFIX.length(), data.length() - 1));
        assertThat(back).isEqualTo(initial);
    }

    @Test
    void scripts_without_such_sequences_stay_as_they_are() {
        String script = "if (a < b && c > d) { window.x = '<b>' + `${a}`; }";
        assertThat(InlineScripts.escape(script)).isEqualTo(script);
    }
}
