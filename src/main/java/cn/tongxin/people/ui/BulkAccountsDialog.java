package cn.tongxin.people.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.IssuedCredential;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.UnitRef;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Trainee accounts for many people at once: choose them by unit (with the units below) and sector, then create.
 * Hashing a password costs about 0.1 s of a core, so the work runs in the background in small portions, each
 * its own transaction, with a progress bar; people who already have an account are skipped.
 */
class BulkAccountsDialog extends Dialog {

    static final int PORTION = 25;
    private static final Logger log = LoggerFactory.getLogger(BulkAccountsDialog.class);

    private final PersonService people;
    private final AccountService accounts;
    private final ComboBox<UnitRef> unit;
    private final ComboBox<ReferenceItem> sector = new ComboBox<>();
    private final Checkbox representative = new Checkbox();
    private final Span matching = new Span();
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final Button create = new Button();
    private final Button cancel = new Button();
    private final BiConsumer<List<IssuedCredential>, Integer> finished;

    /** {@code finished} gets the issued passwords and how many people were chosen. */
    BulkAccountsDialog(PersonService people, AccountService accounts, List<UnitRef> units, List<ReferenceItem> sectors,
                       BiConsumer<List<IssuedCredential>, Integer> finished) {
        this.people = people;
        this.accounts = accounts;
        this.finished = finished;
        setId("bulk-form");
        setHeaderTitle(getTranslation("admin.bulk.title"));
        setWidth("min(560px, 96vw)");
        setCloseOnOutsideClick(false);
        unit = AdminUnitBox.of(getTranslation("admin.bulk.unit"), units);
        unit.setId("bulk-unit");
        unit.setClearButtonVisible(true);
        unit.setHelperText(getTranslation("admin.bulk.unit-hint"));
        sector.setLabel(getTranslation("admin.bulk.sector"));
        sector.setId("bulk-sector");
        sector.setItems(sectors.stream().filter(ReferenceItem::active).toList());
        sector.setItemLabelGenerator(ReferenceItem::name);
        sector.setClearButtonVisible(true);
        representative.setLabel(getTranslation("admin.bulk.representative"));
        representative.setId("bulk-representative");
        unit.addValueChangeListener(e -> count());
        sector.addValueChangeListener(e -> count());
        representative.addValueChangeListener(e -> count());
        matching.setId("bulk-matching");
        FormLayout form = new FormLayout(unit, sector, representative);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("480px", 2));
        Paragraph hint = new Paragraph(getTranslation("admin.bulk.hint"));
        hint.addClassName("tx-muted");
        progress.setId("bulk-progress");
        progress.setVisible(false);
        progressText.setId("bulk-progress-text");
        progressText.addClassName("tx-muted");
        add(form, matching, hint, progress, progressText);

        create.setText(getTranslation("admin.bulk.create"));
        create.setId("bulk-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> start());
        cancel.setText(getTranslation("action.cancel"));
        cancel.addClickListener(e -> close());
        getFooter().add(cancel, create);
        count();
    }

    private PersonQuery query() {
        return new PersonQuery(null, unit.getValue() == null ? null : unit.getValue().id(),
                sector.getValue() == null ? null : sector.getValue().id(), null,
                representative.getValue() ? Boolean.TRUE : null, PersonStatus.ACTIVE);
    }

    private void count() {
        int n = people.searchIds(query()).size();
        matching.setText(getTranslation("admin.bulk.matching", n));
        create.setEnabled(n > 0);
    }

    private void start() {
        List<Long> ids = people.searchIds(query());
        if (ids.isEmpty()) {
            return;
        }
        create.setEnabled(false);
        cancel.setEnabled(false);
        unit.setReadOnly(true);
        sector.setReadOnly(true);
        representative.setReadOnly(true);
        progress.setVisible(true);
        progress.setValue(0);
        progressText.setText(getTranslation("admin.bulk.progress", 0, ids.size()));
        UI ui = UI.getCurrent();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
        Thread.ofVirtual().name("bulk-accounts").start(() -> run(ui, context, ids));
    }

    private void run(UI ui, SecurityContext context, List<Long> ids) {
        SecurityContextHolder.setContext(context);
        List<IssuedCredential> issued = new ArrayList<>();
        try {
            for (int from = 0; from < ids.size(); from += PORTION) {
                List<Long> portion = ids.subList(from, Math.min(ids.size(), from + PORTION));
                issued.addAll(accounts.createForPeople(portion, Set.of(Roles.TRAINEE)));
                int done = from + portion.size();
                ui.access(() -> {
                    progress.setValue((double) done / ids.size());
                    progressText.setText(getTranslation("admin.bulk.progress", done, ids.size()));
                });
            }
            ui.access(() -> {
                close();
                finished.accept(List.copyOf(issued), ids.size());
            });
        } catch (UIDetachedException e) {
            log.info("Bulk account creation finished after its window was closed: {} accounts", issued.size());
        } catch (RuntimeException e) {
            log.warn("Bulk account creation stopped after {} accounts", issued.size(), e);
            try {
                ui.access(() -> {
                    close();
                    Notices.error("admin.bulk.failed", issued.size());
                    finished.accept(List.copyOf(issued), ids.size());
                });
            } catch (UIDetachedException ignored) {
                // nobody is looking any more
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
