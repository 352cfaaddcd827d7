package cn.tongxin.base;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class TranslationsTest {

    @Test
    void every_key_exists_in_chinese_and_english() {
        Map<String, String> chinese = Translations.all(Translations.CHINESE);
        Map<String, String> english = Translations.all(Translations.ENGLISH);
        var missingInEnglish = new TreeSet<>(chinese.keySet());
        missingInEnglish.removeAll(english.keySet());
        var missingInChinese = new TreeSet<>(english.keySet());
        missingInChinese.removeAll(chinese.keySet());
        assertThat(missingInEnglish).as("keys missing in English").isEmpty();
        assertThat(missingInChinese).as("keys missing in Chinese").isEmpty();
    }

    @Test
    void no_translation_is_blank() {
        for (var locale : Translations.LOCALES) {
            assertThat(Translations.all(locale).entrySet())
                    .filteredOn(e -> e.getValue().isBlank())
                    .as("blank translations in " + locale).isEmpty();
        }
    }

    @Test
    void chinese_is_the_default_and_english_is_chosen_by_language() {
        assertThat(Translations.get(null, "action.save")).isEqualTo("保存");
        assertThat(Translations.get(java.util.Locale.GERMAN, "action.save")).isEqualTo("保存");
        assertThat(Translations.get(java.util.Locale.US, "action.save")).isEqualTo("Save");
    }

    @Test
    void arguments_are_filled_in_and_unknown_keys_are_marked() {
        assertThat(Translations.get(Translations.CHINESE, "home.greeting", "张三")).isEqualTo("您好，张三");
        assertThat(Translations.get(Translations.ENGLISH, "no.such.key")).isEqualTo("!no.such.key");
    }
}
