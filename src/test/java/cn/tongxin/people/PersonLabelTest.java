package cn.tongxin.people;

import cn.tongxin.base.Translations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one label of a person in pickers and rosters: what tells two people of the same name apart. */
class PersonLabelTest {

    @Test
    void a_label_names_birth_year_id_tail_and_position_in_the_readers_language() {
        PersonLabel zhang = new PersonLabel("张伟", 1975, "1234", "青州市政协委员");
        assertThat(zhang.text(Translations.CHINESE)).isEqualTo("张伟（1975 年生 · 身份证尾号 1234 · 青州市政协委员）");
        assertThat(zhang.text(Translations.ENGLISH)).isEqualTo("张伟 (born 1975 · ID ending 1234 · 青州市政协委员)");
        assertThat(zhang.text(Translations.CHINESE, "青州市委统战部"))
                .isEqualTo("张伟（1975 年生 · 身份证尾号 1234 · 青州市政协委员） · 青州市委统战部");
    }

    @Test
    void what_is_not_known_is_left_out_and_nothing_known_leaves_the_name() {
        assertThat(new PersonLabel("李红", null, "567X", null).text(Translations.CHINESE)).isEqualTo("李红（身份证尾号 567X）");
        assertThat(new PersonLabel("李红", 1980, null, " ").text(Translations.CHINESE)).isEqualTo("李红（1980 年生）");
        assertThat(new PersonLabel("李红", null, null, null).text(Translations.CHINESE)).isEqualTo("李红");
    }

    @Test
    void a_list_row_gives_the_label_from_its_masked_number() {
        PersonRow row = new PersonRow(1, "王芳", Gender.F, "青州市委统战部", null, null, "教授", false,
                IdCard.mask("11010119750308123X"), null, PersonStatus.ACTIVE, 1975);
        assertThat(row.label()).isEqualTo(new PersonLabel("王芳", 1975, "123X", "教授"));
    }
}
