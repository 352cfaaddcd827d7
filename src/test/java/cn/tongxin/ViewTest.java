package cn.tongxin;

import com.vaadin.browserless.SpringBrowserlessTest;

/**
 * Browserless UI tests: the real views and services in the test JVM, no browser.
 * Sign in with {@code @WithUserDetails("organizer")} (a demo account) on the test or the class.
 */
@IntegrationTest
public abstract class ViewTest extends SpringBrowserlessTest {
}
