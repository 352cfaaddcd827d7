package cn.tongxin.people.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.people.PersonDetail;
import cn.tongxin.people.PersonService;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** 我的档案: the signed-in person's own record (a trainee's only way to a person record). */
@Route("my-record")
@cn.tongxin.base.ui.PersonalPage
@Menu(title = "nav.profile", order = 90, icon = "vaadin:user-card")
@PermitAll
class MyRecordView extends VerticalLayout implements HasDynamicTitle {

    MyRecordView(PersonService people) {
        addClassName("tx-page");
        PersonDetail detail;
        try {
            detail = people.myRecord();
        } catch (DomainException e) {
            EmptyState none = new EmptyState("person.error.no-own-record", "person.my-record.none-hint");
            none.setId("my-record-none");
            add(none);
            return;
        }
        add(new PersonCard(detail, people, false));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.profile");
    }
}
