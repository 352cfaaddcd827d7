package cn.tongxin;

import com.vaadin.browserless.SpringBrowserlessTest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * Browserless UI tests: the real views and services in the test JVM, no browser.
 * Sign in with {@code @WithUserDetails("organizer")} (a demo account) on the test or the class.
 */
@IntegrationTest
public abstract class ViewTest extends SpringBrowserlessTest {

    /**
     * Lets the UI updates of work running in the background (through {@code UI.access}) through until {@code done},
     * failing after two minutes.
     */
    protected void awaitBackground(BooleanSupplier done) {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < until) {
            roundTrip();
            if (done.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for the background work");
            }
        }
        fail("the background work did not finish");
    }
}
