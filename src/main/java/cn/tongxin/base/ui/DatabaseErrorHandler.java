package cn.tongxin.base.ui;

import cn.tongxin.base.DatabaseUnavailable;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A click or other action that fails because the database cannot be reached tells the person to try again
 * shortly (the page stays as it is, so they can), instead of failing silently with a stack trace in the log.
 * Everything else goes to Vaadin's default handling.
 */
class DatabaseErrorHandler extends DefaultErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(DatabaseErrorHandler.class);

    @Override
    public void error(ErrorEvent event) {
        if (DatabaseUnavailable.causes(event.getThrowable()) && UI.getCurrent() != null) {
            log.warn("An action needed the database, which cannot be reached ({})", event.getThrowable().toString());
            Notices.error(DatabaseUnavailable.MESSAGE);
            return;
        }
        super.error(event);
    }

    /** Gives every Vaadin session this handler. */
    @Component
    static class Installer implements VaadinServiceInitListener {
        @Override
        public void serviceInit(ServiceInitEvent event) {
            event.getSource().addSessionInitListener(session -> session.getSession().setErrorHandler(new DatabaseErrorHandler()));
        }
    }
}
