package cn.tongxin.lecture.ui;

import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.LectureChoices;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * 宣讲资源: the lecturers, lecture groups, topics (with their materials) and venues lectures are made of, one tab each.
 * Organizers change those of their unit's subtree and see those of the units above too (read only).
 */
@Route("lecture-catalogue")
@Menu(title = "lecture.catalogue.nav", order = 40, icon = "vaadin:book")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class LectureCatalogueView extends VerticalLayout implements HasDynamicTitle {

    LectureCatalogueView(LectureCatalogue catalogue, LectureChoices choices, UnitService units, PersonService people) {
        addClassName("tx-page");
        setSizeFull();
        TabSheet tabs = new TabSheet();
        tabs.setId("catalogue-tabs");
        tabs.setWidthFull();
        tabs.add(getTranslation("lecture.catalogue.tab.lecturers"), new LecturersTab(catalogue, people));
        tabs.add(getTranslation("lecture.catalogue.tab.groups"), new GroupsTab(catalogue, choices, units));
        tabs.add(getTranslation("lecture.catalogue.tab.topics"), new TopicsTab(catalogue, units));
        tabs.add(getTranslation("lecture.catalogue.tab.venues"), new VenuesTab(catalogue, units));
        add(tabs);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("lecture.catalogue.nav");
    }
}
