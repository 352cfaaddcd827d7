package cn.tongxin.shell;

import cn.tongxin.security.Caller;
import cn.tongxin.security.Callers;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The first page after signing in: a greeting and where to go from here. */
@Route("")
@Menu(title = "nav.home", order = 0, icon = "vaadin:home")
@PermitAll
class HomeView extends VerticalLayout implements HasDynamicTitle {

    HomeView() {
        addClassName("tx-page");
        Caller caller = Callers.require();
        H2 greeting = new H2(getTranslation("home.greeting", caller.displayName()));
        greeting.setId("home-greeting");
        add(greeting, new Paragraph(getTranslation("home.unit", caller.unitName())));
        add(new Paragraph(getTranslation("home.intro")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.home");
    }
}
