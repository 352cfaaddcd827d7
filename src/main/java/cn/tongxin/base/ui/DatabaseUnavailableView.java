package cn.tongxin.base.ui;

import cn.tongxin.base.DatabaseUnavailable;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.InternalServerError;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.orm.jpa.JpaSystemException;

import java.sql.SQLTransientConnectionException;

/**
 * What a page shows when opening it needs the database and the database cannot be reached: "try again shortly"
 * (503) and a link to the same page. No main layout, which itself may need the database. Vaadin picks an error
 * view by the exact class of the failure or of one of its causes, so there is one for each way it shows.
 * Any other failure of those classes gets Vaadin's own error page, as without these views.
 */
@AnonymousAllowed
public class DatabaseUnavailableView extends Div implements HasErrorParameter<SQLTransientConnectionException> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableView.class);

    /** The pool gave up waiting for a connection. */
    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<SQLTransientConnectionException> parameter) {
        return show(this, event, parameter.getException());
    }

    /** A connection broke mid-request (JDBC). */
    @AnonymousAllowed
    public static class ConnectionBroke extends Div implements HasErrorParameter<DataAccessResourceFailureException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<DataAccessResourceFailureException> parameter) {
            return show(this, event, parameter.getException());
        }
    }

    /** A connection broke mid-transaction: the failed rollback replaces the original error. */
    @AnonymousAllowed
    public static class RollbackFailed extends Div implements HasErrorParameter<JpaSystemException> {
        @Override
        public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<JpaSystemException> parameter) {
            return show(this, event, parameter.getException());
        }
    }

    private static int show(Div page, BeforeEnterEvent event, Exception failure) {
        page.removeAll(); // the UI keeps an error view and shows it again for the next such failure
        page.removeClassName("tx-empty");
        if (!DatabaseUnavailable.causes(failure)) {
            InternalServerError error = new InternalServerError();
            page.add(error);
            return error.setErrorParameter(event, new ErrorParameter<>(Exception.class, failure));
        }
        log.warn("/{}: the database cannot be reached ({})", event.getLocation().getPath(), failure.toString());
        page.addClassName("tx-empty");
        H2 message = new H2(page.getTranslation(DatabaseUnavailable.MESSAGE));
        message.setId("database-unavailable");
        page.add(message, new Anchor(event.getLocation().getPathWithQueryParameters(),
                page.getTranslation(DatabaseUnavailable.MESSAGE + ".retry")));
        return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
    }
}
