package cn.tongxin.attendance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OccasionRefTest {

    @Test
    void a_reference_reads_back_from_its_text() {
        OccasionRef ref = new OccasionRef("SESSION", 4711);
        assertThat(ref.toString()).isEqualTo("SESSION:4711");
        assertThat(OccasionRef.parse(ref.toString())).isEqualTo(ref);
    }

    @Test
    void text_that_is_not_a_reference_is_refused() {
        for (String bad : new String[]{"SESSION", "SESSION:x", "session:1", ":1", ""}) {
            assertThatThrownBy(() -> OccasionRef.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> OccasionRef.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
