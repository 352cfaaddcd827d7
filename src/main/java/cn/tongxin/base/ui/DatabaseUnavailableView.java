package cn.tongxin.base.ui;

import cn.tongxin.base.DatabaseUnavailable;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLTransientConnectionException;

/**
 * What a page shows when opening it needs the database and the database cannot be reached: the pool gave up
 * after a few seconds (Vaadin finds this view by that exception anywhere in the failure's causes). No main
 * layout, which itself may need the database; a link to try the same page again.
 */
@AnonymousAllowed
public class DatabaseUnavailableView extends Div implements HasErrorParameter<SQLTransientConnectionException> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<SQLTransientConnectionException> parameter) {
        log.warn("/{}: the database cannot be reached ({})", event.getLocation().getPath(), parameter.getException().toString());
        addClassName("tx-empty");
        H2 message = new H2(getTranslation(DatabaseUnavailable.MESSAGE));
        message.setId("database-unavailable");
        add(message, new Anchor(event.getLocation().getPathWithQueryParameters(), getTranslation(DatabaseUnavailable.MESSAGE + ".retry")));
        return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
    }
}
