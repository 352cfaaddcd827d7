package cn.tongxin.lecture;

import cn.tongxin.TestUsers;
import cn.tongxin.attendance.AttendanceStatus;
import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignInService;
import cn.tongxin.people.Audience;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A published lecture that has already taken place, for the report and feedback tests: its own lecturer (with an
 * account and an e-mail address), its own audience of new trainees (with accounts), made through the real schedule
 * service by the province's organizer. Sign-ins go through the real {@link SignInService}.
 */
@Component
public class ReportFixtures {

    private final LectureFixtures fixtures;
    private final LectureService lectures;
    private final SignInService signIn;
    private final TestUsers users;
    private final JdbcClient jdbc;

    ReportFixtures(LectureFixtures fixtures, LectureService lectures, SignInService signIn, TestUsers users, JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.lectures = lectures;
        this.signIn = signIn;
        this.users = users;
        this.jdbc = jdbc;
    }

    public record Held(long lectureId, long topicId, long unitId, long lecturerId, String lecturer, List<Long> audience,
                List<String> audienceUsers, Instant start, Instant end) {
    }

    /** A lecture of the province that started {@code ago} before now and lasted two hours. Leaves "organizer" signed in. */
    public Held held(String tag, int audienceSize, Duration ago) {
        return held(tag, audienceSize, ago, null);
    }

    /** The same, organized by {@code unitId} (null: the province). */
    public Held held(String tag, int audienceSize, Duration ago, Long unitId) {
        // Unique in the whole suite: LectureFixtures names its venue and topic after the tag.
        String unique = tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        LectureFixtures.Setup s = fixtures.setup(unique);
        String lecturer = "rl-" + unique;
        jdbc.sql("update person set email = :e where id = :p").param("e", lecturer + "@example.org").param("p", s.lecturerId()).update();
        long account = jdbc.sql("""
                        insert into account (username, password_hash, display_name, person_id, unit_id)
                        select :u, '!', p.name, p.id, p.unit_id from person p where p.id = :p returning id""")
                .param("u", lecturer).param("p", s.lecturerId()).query(Long.class).single();
        jdbc.sql("insert into account_role (account_id, role) values (:a, 'TRAINEE'), (:a, 'LECTURER')").param("a", account).update();
        List<Long> audience = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < audienceSize; i++) {
            String name = "ra-" + unique + "-" + i;
            audience.add(users.newTrainee(name));
            names.add(name);
        }
        long unit = unitId == null ? s.provinceId() : unitId;
        Instant start = Instant.now().minus(ago).truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofHours(2));
        users.signIn("organizer");
        long id = lectures.create(new LectureData(s.topicId(), "宣讲" + tag, unit, null, Set.of(s.lecturerId()), null, "会议室",
                start, end, audienceSize, BigDecimal.valueOf(2), new Audience(Set.of(), Set.of(), Set.of(), false,
                new HashSet<>(audience)), LectureData.OPENS_BEFORE, LectureData.LATE_AFTER, LectureData.CLOSES_AFTER));
        lectures.publish(id, lectures.get(id).version());
        return new Held(id, s.topicId(), unit, s.lecturerId(), lecturer, audience, names, start, end);
    }

    /** Marks people at the lecture's sign-in by hand, as the organizer at the door would. Leaves "organizer" signed in. */
    public void mark(Held h, AttendanceStatus status, List<Long> people) {
        users.signIn("organizer");
        signIn.mark(new OccasionRef(LectureOccasions.KIND, h.lectureId()), people, status, "测试签到");
    }

    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(192, 57, 43, 200));
        g.fillRect(0, 0, width, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
