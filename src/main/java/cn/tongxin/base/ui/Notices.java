package cn.tongxin.base.ui;

import cn.tongxin.base.DomainException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;

/** Short messages to the person at the screen, always translated. */
public final class Notices {

    private Notices() {
    }

    public static void success(String key, Object... args) {
        show(UI.getCurrent().getTranslation(key, args), NotificationVariant.LUMO_SUCCESS, 3000);
    }

    public static void error(String key, Object... args) {
        show(UI.getCurrent().getTranslation(key, args), NotificationVariant.LUMO_ERROR, 6000);
    }

    /** Runs an action and turns the domain's refusals into a clear message instead of an error page. */
    public static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (DomainException e) {
            error(e.key(), e.args());
        } catch (ObjectOptimisticLockingFailureException e) {
            error("error.concurrent-change");
        } catch (AccessDeniedException e) {
            error("error.access-denied");
        }
        return false;
    }

    private static void show(String text, NotificationVariant variant, int millis) {
        Notification n = Notification.show(text, millis, Notification.Position.TOP_CENTER);
        n.addThemeVariants(variant);
    }
}
