package cn.tongxin.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;

/**
 * An Apache ECharts chart, loaded at run time from the WebJar (no frontend build needed).
 * The option is ECharts' JSON option object.
 */
public class EChart extends Div {

    static final String SCRIPT = "/webjars/echarts/5.3.1/dist/echarts.min.js";
    private String optionJson = "{}";

    public EChart(String height) {
        setHeight(height);
        setWidthFull();
        addClassName("tx-chart");
    }

    /** A text as a JSON string for an option: any name stays one string, whatever quotes or backslashes it holds. */
    public static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public void setOption(String optionJson) {
        this.optionJson = optionJson;
        if (isAttached()) {
            render();
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        attachEvent.getUI().getPage().addJavaScript(SCRIPT);
        render();
    }

    private void render() {
        getElement().executeJs("""
                const el = this; const opt = JSON.parse($0);
                const draw = () => {
                  if (!window.echarts) { setTimeout(draw, 50); return; }
                  const c = echarts.getInstanceByDom(el) || echarts.init(el);
                  c.setOption(opt, true);
                  if (!el.__txObserved) { new ResizeObserver(() => c.resize()).observe(el); el.__txObserved = true; }
                };
                draw();""", optionJson);
    }
}
