package cn.tongxin.record;

import cn.tongxin.TestUsers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import javax.imageio.ImageIO;

/** Trainees and checkers of their own for self-study tests, and evidence files that are (or are not) what they say. */
@Component
public class SelfStudyFixtures {

    public static final String HOSTILE = "</script><img src=x onerror=alert(1)>";

    private final TestUsers users;
    private final JdbcClient jdbc;

    SelfStudyFixtures(TestUsers users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    public record Person(String username, long personId) {
        public String email() {
            return username + "@example.org";
        }
    }

    /** A new trainee of the unit named {@code unitName} (null: the province) with a mail address. */
    public Person trainee(String prefix, String unitName) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        long person = users.newTrainee(username);
        jdbc.sql("update person set email = :mail, unit_id = coalesce((select id from unit where name = :unit), unit_id) where id = :id")
                .param("mail", username + "@example.org").param("unit", unitName).param("id", person).update();
        jdbc.sql("update account set unit_id = (select unit_id from person where id = :id) where person_id = :id")
                .param("id", person).update();
        return new Person(username, person);
    }

    /** A new account with the CHECKER role acting for the unit named {@code unitName}; returns its username. */
    public String checker(String prefix, String unitName) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        long account = jdbc.sql("""
                        insert into account (username, password_hash, display_name, unit_id)
                        select :username, '!', '督查' || :username, id from unit where name = :unit returning id""")
                .param("username", username).param("unit", unitName).query(Long.class).single();
        jdbc.sql("insert into account_role (account_id, role) values (:account, 'CHECKER')").param("account", account).update();
        return username;
    }

    public void inSector(long personId, String sectorName) {
        jdbc.sql("insert into person_sector (person_id, sector_id) select :p, id from sector where name = :s on conflict do nothing")
                .param("p", personId).param("s", sectorName).update();
    }

    public static SelfStudyDraft draft(String title) {
        return new SelfStudyDraft(title, LocalDate.now().minusDays(3), SelfStudyKind.READING, new BigDecimal("2.5"), "读后感");
    }

    public static byte[] pdf() {
        return "%PDF-1.4\n% evidence\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] png() {
        return image("png");
    }

    public static byte[] jpeg() {
        return image("jpeg");
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
