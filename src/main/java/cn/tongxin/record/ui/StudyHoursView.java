package cn.tongxin.record.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.record.HourRules;
import cn.tongxin.record.StudyHourRules;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** 学时规则: the administrator sets the self-study caps, the default yearly target and the per-sector targets. */
@Route("admin/study-hours")
@Menu(title = "record.hours.nav", order = 86, icon = "vaadin:hourglass")
@RolesAllowed(Roles.ADMIN)
class StudyHoursView extends VerticalLayout implements HasDynamicTitle {

    private final StudyHourRules rules;
    private final VerticalLayout form = new VerticalLayout();

    StudyHoursView(StudyHourRules rules) {
        this.rules = rules;
        addClassName("tx-page");
        setWidthFull();
        form.setPadding(false);
        Paragraph intro = new Paragraph(getTranslation("record.hours.intro"));
        intro.addClassName("tx-muted");
        add(intro, form);
        show();
    }

    private void show() {
        form.removeAll();
        HourRules r = rules.rules();
        BigDecimalField entry = field("hours-entry-cap", "record.hours.entry-cap", r.entryCap());
        BigDecimalField year = field("hours-year-cap", "record.hours.year-cap", r.yearCap());
        BigDecimalField target = field("hours-default-target", "record.hours.default-target", r.defaultTarget());
        form.add(entry, year, target, new H3(getTranslation("record.hours.sector-targets")));
        Map<Long, BigDecimalField> sectors = new LinkedHashMap<>();
        for (HourRules.SectorTarget s : r.sectors()) {
            BigDecimalField f = new BigDecimalField(s.name());
            f.setId("hours-sector-" + s.sectorId());
            f.setValue(s.target());
            f.setClearButtonVisible(true);
            sectors.put(s.sectorId(), f);
            form.add(f);
        }
        Button save = new Button(getTranslation("record.hours.save"), e -> {
            Map<Long, BigDecimal> targets = new LinkedHashMap<>();
            sectors.forEach((id, f) -> targets.put(id, f.getValue()));
            if (Notices.attempt(() -> rules.update(entry.getValue(), year.getValue(), target.getValue(), targets, r.version()))) {
                Notices.success("record.hours.saved");
                show();
            }
        });
        save.setId("hours-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        form.add(save);
    }

    private BigDecimalField field(String id, String label, BigDecimal value) {
        BigDecimalField f = new BigDecimalField(getTranslation(label));
        f.setId(id);
        f.setValue(value);
        f.setWidth("18rem");
        return f;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("record.hours.title");
    }
}
