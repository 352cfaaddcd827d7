package cn.tongxin.record.ui;

import cn.tongxin.Application;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.PersonalPage;
import cn.tongxin.record.SelfStudy;
import cn.tongxin.record.SelfStudyEntry;
import cn.tongxin.record.SelfStudyStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

/**
 * My self-study (我的自学): the entries of a year with their status, the checker's reason for a returned one (which I
 * correct and resubmit), the evidence and the history; and a form to enter a new one. Phone first.
 */
@Route("my/self-study")
@PersonalPage
@Menu(title = "record.selfstudy.nav.mine", order = 10, icon = "vaadin:book-percent")
@PermitAll
class MySelfStudyView extends VerticalLayout implements HasDynamicTitle {

    static final int YEARS = 5;

    private final SelfStudy selfStudy;
    private final Clock clock;
    private final Select<Integer> year = new Select<>();
    private final Div entries = new Div();

    MySelfStudyView(SelfStudy selfStudy, Clock clock) {
        this.selfStudy = selfStudy;
        this.clock = clock;
        addClassName("tx-page");
        setWidthFull();
        int thisYear = today().getYear();
        year.setId("self-study-year");
        year.setLabel(getTranslation("record.selfstudy.mine.year"));
        year.setItems(IntStream.rangeClosed(0, YEARS - 1).mapToObj(i -> thisYear - i).toList());
        year.setValue(thisYear);
        year.addValueChangeListener(e -> render());
        Button add = new Button(getTranslation("record.selfstudy.mine.add"), VaadinIcon.PLUS.create(),
                e -> new SelfStudyForm(selfStudy, null, today(), this::render).open());
        add.setId("self-study-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout bar = new HorizontalLayout(year, add);
        bar.setAlignItems(Alignment.END);
        bar.addClassName("tx-filters");
        entries.setId("self-study-entries");
        entries.setWidthFull();
        add(new H2(getTranslation("record.selfstudy.mine.title")), bar, entries);
        render();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Application.ZONE));
    }

    private void render() {
        entries.removeAll();
        List<SelfStudyEntry> mine = selfStudy.mine(year.getValue());
        if (mine.isEmpty()) {
            EmptyState empty = new EmptyState("record.selfstudy.mine.empty", "record.selfstudy.mine.empty-hint");
            empty.setId("self-study-empty");
            entries.add(empty);
            return;
        }
        mine.forEach(e -> entries.add(card(e)));
    }

    private Div card(SelfStudyEntry e) {
        H3 title = new H3(e.title());
        title.setId("self-study-entry-title-" + e.id());
        title.getStyle().set("margin", "0").set("overflow-wrap", "anywhere");
        Span status = new Span(getTranslation("record.selfstudy.status." + e.status().name()));
        status.setId("self-study-status-" + e.id());
        status.getElement().getThemeList().add("badge" + (e.status() == SelfStudyStatus.VERIFIED ? " success"
                : e.status() == SelfStudyStatus.RETURNED ? " error" : ""));
        HorizontalLayout meta = new HorizontalLayout(status, new Span(e.studiedOn().toString()),
                new Span(getTranslation("record.selfstudy.kind." + e.kind().name())),
                new Span(getTranslation("record.selfstudy.mine.hours", e.hours().toPlainString())));
        meta.addClassName("tx-filters");
        Div card = new Div(title, meta);
        card.setId("self-study-entry-" + e.id());
        card.addClassName("tx-card");
        if (e.returnReason() != null) {
            Div reason = new Div(new Span(getTranslation("record.selfstudy.mine.reason", e.returnReason())));
            reason.setId("self-study-reason-" + e.id());
            reason.getStyle().set("white-space", "pre-wrap").set("color", "var(--lumo-error-text-color)");
            card.add(reason);
        }
        if (e.note() != null) {
            Paragraph note = new Paragraph(e.note());
            note.setId("self-study-note-" + e.id());
            note.getStyle().set("white-space", "pre-wrap");
            card.add(note);
        }
        card.add(EvidenceLinks.of(selfStudy, e.evidence(), "self-study-" + e.id() + "-", false));
        card.add(History.of(e.history(), "self-study-history-" + e.id()));
        if (e.canResubmit()) {
            Button resubmit = new Button(getTranslation("record.selfstudy.mine.resubmit"), VaadinIcon.EDIT.create(),
                    ev -> new SelfStudyForm(selfStudy, e, today(), this::render).open());
            resubmit.setId("self-study-resubmit-" + e.id());
            card.add(resubmit);
        }
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("record.selfstudy.mine.title");
    }
}
