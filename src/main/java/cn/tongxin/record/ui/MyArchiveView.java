package cn.tongxin.record.ui;

import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.PersonalPage;
import cn.tongxin.record.StudyArchive;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** 我的学习档案: the signed-in person's own study records by year. */
@Route("my/archive")
@PersonalPage
@Menu(title = "record.archive.nav.my", order = 9, icon = "vaadin:archive")
@PermitAll
class MyArchiveView extends VerticalLayout implements HasDynamicTitle {

    MyArchiveView(StudyArchive archives) {
        addClassName("tx-page");
        setWidthFull();
        var me = archives.myPersonId();
        if (me.isEmpty()) {
            EmptyState none = new EmptyState("record.archive.no-person", "record.archive.no-person-hint");
            none.setId("archive-no-person");
            add(none);
            return;
        }
        add(new ArchivePanel(archives, me.get(), true));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("record.archive.nav.my");
    }
}
