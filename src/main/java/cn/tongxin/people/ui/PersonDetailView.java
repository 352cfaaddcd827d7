package cn.tongxin.people.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.people.PersonDetail;
import cn.tongxin.people.PersonService;
import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

/**
 * One person's record. Open to every signed-in account because the service decides: organizers and
 * checkers see the people of their units, a trainee only themself. Anyone else gets the same
 * "not found or not yours" page, which does not tell whether the person exists.
 */
@Route("people/:" + PersonDetailView.ID + "([0-9]{1,18})")
@PermitAll
class PersonDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String ID = "id";

    private final PersonService people;
    private String title;

    PersonDetailView(PersonService people) {
        this.people = people;
        addClassName("tx-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        long id = event.getRouteParameters().getLong(ID).orElse(0L);
        PersonDetail detail;
        try {
            detail = people.get(id);
        } catch (AccessDeniedException | DomainException e) {
            title = getTranslation("person.detail.unavailable");
            EmptyState notFound = new EmptyState("person.detail.unavailable", "person.detail.unavailable-hint");
            notFound.setId("person-unavailable");
            add(notFound);
            return;
        }
        title = detail.data().name();
        Caller caller = Callers.require();
        boolean manager = caller.has(Roles.ADMIN) || caller.has(Roles.ORGANIZER) || caller.has(Roles.CHECKER);
        HorizontalLayout actions = new HorizontalLayout();
        actions.addClassName("tx-filters");
        if (manager) {
            Button back = new Button(getTranslation("person.detail.back"), VaadinIcon.ARROW_LEFT.create(),
                    e -> UI.getCurrent().navigate(PeopleListView.class));
            back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            back.setId("person-back");
            actions.add(back);
        }
        if (caller.has(Roles.ADMIN) || caller.has(Roles.ORGANIZER)) {
            Button edit = new Button(getTranslation("action.edit"), VaadinIcon.EDIT.create(),
                    e -> UI.getCurrent().navigate(PersonFormView.class, new RouteParameters(PersonFormView.ID, String.valueOf(id))));
            edit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            edit.setId("person-edit");
            actions.add(edit);
        }
        if (manager) {
            // The study archive belongs to the records feature; its page reads the person's scope itself.
            Button archive = new Button(getTranslation("person.detail.archive"), VaadinIcon.ARCHIVE.create(),
                    e -> UI.getCurrent().navigate("records/person/" + id));
            archive.setId("person-archive");
            actions.add(archive);
        }
        if (actions.getComponentCount() > 0) {
            add(actions);
        }
        add(new PersonCard(detail, people, caller.has(Roles.ADMIN)));
    }

    @Override
    public String getPageTitle() {
        return title == null ? getTranslation("nav.people") : title;
    }
}
