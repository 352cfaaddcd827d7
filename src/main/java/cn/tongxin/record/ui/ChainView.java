package cn.tongxin.record.ui;

import cn.tongxin.Application;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.record.ChainCheck;
import cn.tongxin.record.StudyChain;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

/** Verifies a unit's tamper-evident record log for a year: "intact", or the first entry where it breaks. */
@Route("records/chain")
@Menu(title = "record.archive.nav.chain", order = 63, icon = "vaadin:link")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER, Roles.CHECKER})
class ChainView extends VerticalLayout implements HasDynamicTitle {

    ChainView(StudyChain chain, UnitService units, Clock clock) {
        addClassName("tx-page");
        setWidthFull();
        List<UnitRef> visible = units.visibleUnits();
        ComboBox<UnitRef> unit = new ComboBox<>(getTranslation("record.archive.chain.unit"));
        unit.setId("chain-unit");
        unit.setItems(visible);
        unit.setItemLabelGenerator(UnitRef::name);
        if (!visible.isEmpty()) {
            unit.setValue(visible.getFirst());
        }
        int now = clock.instant().atZone(Application.ZONE).getYear();
        Select<Integer> year = new Select<>();
        year.setLabel(getTranslation("record.archive.year"));
        year.setId("chain-year");
        year.setItems(IntStream.rangeClosed(0, 9).mapToObj(k -> now - k).toList());
        year.setItemLabelGenerator(String::valueOf);
        year.setValue(now);
        Span result = new Span();
        result.setId("chain-result");
        Button verify = new Button(getTranslation("record.archive.chain.verify"), e -> {
            if (unit.getValue() == null || year.getValue() == null) {
                return;
            }
            ChainCheck check = chain.verify(unit.getValue().id(), year.getValue());
            result.getElement().getThemeList().clear();
            if (check.intact()) {
                result.setText(getTranslation("record.archive.chain.intact", check.count()));
                result.getElement().getThemeList().add("badge success");
            } else {
                result.setText(check.brokenSeq() == null
                        ? getTranslation("record.archive.chain.unlogged", String.valueOf(check.recordId()))
                        : getTranslation("record.archive.chain.broken", String.valueOf(check.brokenSeq()),
                                String.valueOf(check.recordId()),
                                getTranslation("record.archive.chain.problem." + check.problem())));
                result.getElement().getThemeList().add("badge error");
            }
        });
        verify.setId("chain-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(unit, year, verify);
        filters.addClassName("tx-filters");
        filters.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        Span hint = new Span(getTranslation("record.archive.chain.hint"));
        hint.addClassName("tx-muted");
        add(new Div(hint), filters, new Div(result));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("record.archive.nav.chain");
    }
}
