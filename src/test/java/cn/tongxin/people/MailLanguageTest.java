package cn.tongxin.people;

import cn.tongxin.IntegrationTest;
import cn.tongxin.TestUsers;
import cn.tongxin.base.Translations;
import cn.tongxin.security.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The language a person reads the portal in is remembered on their account, and the portal's mails to them use it. */
@IntegrationTest
class MailLanguageTest {

    @Autowired AccountService accounts;
    @Autowired MailLanguages languages;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_person_who_reads_the_portal_in_english_gets_english_mails_even_after_an_administrator_edits_the_account() {
        String email = "lang-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        long person = newPerson(email);
        String username = "lang-" + person;
        users.signIn("admin");
        accounts.create(username, "语言测试", unitOf(person), person, Set.of(Roles.TRAINEE), "Geheim-2026-x");
        assertThat(languages.of(person)).as("a new account").isEqualTo(Translations.CHINESE);
        assertThat(lastSubjectTo(email)).as("the account mail, in Chinese").contains("账号");

        users.signIn(username);
        accounts.rememberMyLanguage(Locale.forLanguageTag("en-GB"));
        assertThat(languages.of(person)).isEqualTo(Translations.ENGLISH);
        assertThat(storedLanguage("organizer")).as("only the caller's own account").isEqualTo("zh-CN");

        // The administrator's reset saves the account through JPA; the person's choice stays, and the mail is English.
        users.signIn("admin");
        long accountId = jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
        accounts.resetPassword(accountId);
        assertThat(storedLanguage(username)).isEqualTo("en");
        assertThat(lastSubjectTo(email)).isEqualTo("[Tongxin] Your password has been reset");
    }

    @Test
    void people_without_an_account_and_unknown_people_get_chinese_mails() {
        long withoutAccount = newPerson(null);
        assertThat(languages.of(List.of(withoutAccount, -1L)))
                .containsEntry(withoutAccount, Translations.CHINESE).containsEntry(-1L, Translations.CHINESE);
    }

    @Test
    void the_database_refuses_a_language_the_portal_does_not_speak() {
        assertThatThrownBy(() -> jdbc.sql("update account set language = 'fr' where username = 'organizer'").update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("account_language_check");
        assertThat(storedLanguage("organizer")).isEqualTo("zh-CN");
    }

    private long newPerson(String email) {
        return jdbc.sql("""
                        insert into person (name, gender, unit_id, email)
                        values ('语言测试', 'F', (select id from unit order by id limit 1), :email) returning id""")
                .param("email", email).query(Long.class).single();
    }

    private long unitOf(long person) {
        return jdbc.sql("select unit_id from person where id = :id").param("id", person).query(Long.class).single();
    }

    private String storedLanguage(String username) {
        return jdbc.sql("select language from account where username = :u").param("u", username).query(String.class).single();
    }

    private String lastSubjectTo(String email) {
        return jdbc.sql("select subject from mail_outbox where recipient = :e order by id desc limit 1")
                .param("e", email).query(String.class).single();
    }
}
