package cn.tongxin;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test on the real application against a real (embedded, throw-away) PostgreSQL, with the demo
 * province loaded: accounts admin, organizer, qingzhou (a city organizer), checker, trainee, lecturer.
 * All such tests share one Spring context and one database; they create their own data or read the demo's.
 * The application's {@code Clock} is a {@link MutableClock}: real time unless a test sets it (and resets it after);
 * {@link TestOccasions} offers sign-in occasions of kind "TEST".
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(TestSupportConfig.class)
@SpringBootTest(properties = {
        "tongxin.embedded-db.dir=",
        "tongxin.demo-data=always",
        "spring.main.banner-mode=off",
        "logging.level.org.atmosphere=warn",
        // tests recompute coverage snapshots themselves (CoverageSnapshotTest calls the job): no timing races
        "tongxin.coverage.refresh-every=PT24H"
})
public @interface IntegrationTest {
}
