package cn.tongxin.record.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.record.StudyArchive;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

/**
 * A person's study archive as their unit's organizers and checkers (and administrators) read it; the service
 * decides the scope and audits the read. Outside the scope: the same page as for nobody at all.
 */
@Route("records/person/:" + PersonArchiveView.ID + "([0-9]{1,18})")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER})
class PersonArchiveView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ID = "id";

    private final StudyArchive archives;

    PersonArchiveView(StudyArchive archives) {
        this.archives = archives;
        addClassName("tx-page");
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        long id = event.getRouteParameters().getLong(ID).orElse(0L);
        try {
            add(new ArchivePanel(archives, id, false));
        } catch (AccessDeniedException e) {
            removeAll();
            EmptyState none = new EmptyState("record.archive.unavailable", "record.archive.unavailable-hint");
            none.setId("archive-unavailable");
            add(none);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("record.archive.title.person");
    }
}
