package cn.tongxin.base.ui;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EChartTest {

    @Test
    void a_name_with_quotes_backslashes_and_control_characters_stays_one_json_string() {
        String name = "单位 \"引号\" \\反斜杠\\ \u0001\t</script> 😀";
        assertThat(new ObjectMapper().readTree(EChart.json(name)).asString()).isEqualTo(name);
    }
}
