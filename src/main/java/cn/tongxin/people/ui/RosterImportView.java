package cn.tongxin.people.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.Background;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.people.RosterChoices;
import cn.tongxin.people.RosterImportResult;
import cn.tongxin.people.RosterImportService;
import cn.tongxin.people.RosterPreview;
import cn.tongxin.people.RosterProblem;
import cn.tongxin.people.RosterRow;
import cn.tongxin.people.RosterUnitMatch;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * 名册导入: download the template, upload a filled-in roster, read the preview (every bad row with its
 * Excel row number and reasons), then confirm. Nothing is written before the confirmation; with bad
 * rows the organizer either cancels or explicitly imports only the good ones. Reading and importing
 * run in the background with a progress bar; the rules live in {@link RosterImportService}.
 */
@Route("people/import")
@Menu(title = "nav.import", order = 11, icon = "vaadin:upload")
@RolesAllowed({Roles.ADMIN, Roles.ORGANIZER})
class RosterImportView extends VerticalLayout implements HasDynamicTitle {

    static final int MAX_FILE_BYTES = 20 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(RosterImportView.class);

    private final RosterImportService roster;
    private final Background background;
    private final Upload upload;
    private final Div progress = new Div();
    private final Span progressText = new Span();
    private final VerticalLayout previewArea = new VerticalLayout();
    private final Div result = new Div();
    private final Div actions = new Div();
    private final UnitService units;
    private RosterPreview preview;
    /** The unit mappings offered in the preview, by the unit as written. */
    private final Map<String, UnitChoice> unitChoices = new LinkedHashMap<>();
    private RadioButtonGroup<Boolean> registeredChoice;

    private record UnitChoice(ComboBox<UnitRef> unit, Checkbox confirmed) {
    }

    RosterImportView(RosterImportService roster, UnitService units, Background background) {
        this.roster = roster;
        this.units = units;
        this.background = background;
        actions.setWidthFull();
        actions.setId("roster-actions");
        addClassName("tx-page");

        // Step 1: the template.
        DownloadHandler template = event -> {
            event.setFileName(event.getUI().getTranslation("roster.template.file"));
            event.setContentType(RosterImportService.XLSX_MIME);
            roster.writeTemplate(event.getOutputStream());
        };
        Anchor templateLink = new Anchor(template, AttachmentType.DOWNLOAD, "");
        Button templateButton = new Button(getTranslation("roster.template.download"), VaadinIcon.DOWNLOAD.create());
        templateButton.setTabIndex(-1);
        templateLink.add(templateButton);
        templateLink.setId("roster-template");
        Div step1 = step("roster.step.template", "roster.step.template-hint");
        step1.add(templateLink);

        // Step 2: the upload.
        upload = new Upload(UploadHandler.inMemory((meta, bytes) -> startPreview(meta.fileName(), bytes)));
        upload.setAcceptedFileTypes(".xlsx", RosterImportService.XLSX_MIME);
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_FILE_BYTES);
        upload.setUploadButton(new Button(getTranslation("roster.upload.button"), VaadinIcon.UPLOAD.create()));
        upload.setDropLabel(new Span(getTranslation("roster.upload.drop")));
        upload.addFileRejectedListener(e -> Notices.error("roster.upload.rejected"));
        upload.setId("roster-upload");
        upload.setWidthFull();
        Div step2 = step("roster.step.upload", "roster.step.upload-hint");
        step2.add(upload);

        ProgressBar bar = new ProgressBar();
        bar.setIndeterminate(true);
        progressText.addClassName("tx-muted");
        progress.add(progressText, bar);
        progress.setId("roster-progress");
        progress.setWidthFull();
        progress.setVisible(false);

        previewArea.setPadding(false);
        previewArea.setId("roster-preview");
        previewArea.setVisible(false);
        result.setId("roster-result");
        result.setWidthFull();
        result.setVisible(false);

        add(step1, step2, progress, result, previewArea);
    }

    private Div step(String titleKey, String hintKey) {
        Div card = new Div();
        card.addClassName("tx-card");
        card.setWidthFull();
        card.add(new H3(getTranslation(titleKey)));
        Paragraph hint = new Paragraph(getTranslation(hintKey, RosterImportService.MAX_ROWS));
        hint.addClassName("tx-muted");
        card.add(hint);
        return card;
    }

    private void startPreview(String fileName, byte[] bytes) {
        preview = null;
        previewArea.setVisible(false);
        result.setVisible(false);
        busy("roster.progress.reading", () -> roster.preview(fileName, bytes), this::showPreview);
    }

    /** Shows the progress bar, runs the work in the background, then hands the result to {@code done}. */
    private <T> void busy(String messageKey, Supplier<T> work, Consumer<T> done) {
        progressText.setText(getTranslation(messageKey));
        progress.setVisible(true);
        upload.setVisible(false);
        previewArea.setEnabled(false);
        UI ui = UI.getCurrent();
        background.run(ui, work, value -> {
            idle();
            done.accept(value);
        }, failure -> {
            idle();
            upload.clearFileList();
            if (failure instanceof DomainException || failure instanceof AccessDeniedException
                    || failure instanceof ObjectOptimisticLockingFailureException) {
                Notices.attempt(() -> {
                    throw failure;
                });
            } else {
                log.warn("Roster work failed", failure);
                Notices.error("roster.error.failed");
            }
        });
    }

    private void idle() {
        progress.setVisible(false);
        upload.setVisible(true);
        previewArea.setEnabled(true);
    }

    private void showPreview(RosterPreview p) {
        preview = p;
        unitChoices.clear();
        // Ready for a corrected file at once; the preview names the file it shows.
        upload.clearFileList();
        previewArea.removeAll();
        previewArea.setVisible(true);

        long toConfirm = p.goodRows().stream().filter(r -> r.unitToConfirm() != null).count();
        HorizontalLayout stats = new HorizontalLayout(
                stat("roster.preview.total", p.totalRows(), "roster-total"),
                stat("roster.preview.good", p.goodRows().size(), "roster-good"),
                stat("roster.preview.bad", p.badRows().size(), "roster-bad"));
        if (toConfirm > 0) {
            stats.add(stat("roster.preview.to-confirm", toConfirm, "roster-to-confirm"));
        }
        if (p.registeredCount() > 0) {
            stats.add(stat("roster.preview.registered", p.registeredCount(), "roster-registered-count"));
        }
        stats.addClassName("tx-filters");
        previewArea.add(new H3(getTranslation("roster.preview.title", p.fileName())), stats);
        if (!p.unitMatches().isEmpty()) {
            previewArea.add(unitMatches(p));
        }
        registeredChoice = null;
        if (p.registeredCount() > 0) {
            previewArea.add(registeredChoice(p));
        }

        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        if (p.hasProblems()) {
            Grid<RosterProblem> bad = new Grid<>(RosterProblem.class, false);
            bad.setId("roster-bad-rows");
            bad.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
            bad.addColumn(RosterProblem::rowNumber).setHeader(getTranslation("roster.preview.row")).setAutoWidth(true).setFlexGrow(0);
            bad.addColumn(RosterProblem::name).setHeader(getTranslation("person.field.name")).setAutoWidth(true).setFlexGrow(0);
            bad.addColumn(r -> r.message(getLocale())).setHeader(getTranslation("roster.preview.reasons")).setFlexGrow(1);
            bad.setItems(p.badRows());
            bad.setAllRowsVisible(p.badRows().size() <= 10);
            tabs.add(getTranslation("roster.preview.bad-tab", p.badRows().size()), bad);
        }
        List<RosterRow> warned = p.rowsWithWarnings();
        if (!warned.isEmpty()) {
            Grid<RosterRow> warnings = new Grid<>(RosterRow.class, false);
            warnings.setId("roster-warnings");
            warnings.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
            warnings.addColumn(RosterRow::rowNumber).setHeader(getTranslation("roster.preview.row")).setAutoWidth(true).setFlexGrow(0);
            warnings.addColumn(r -> r.data().name()).setHeader(getTranslation("person.field.name")).setAutoWidth(true).setFlexGrow(0);
            warnings.addColumn(r -> r.warnings().stream().map(w -> w.message(getLocale())).collect(Collectors.joining(" ")))
                    .setHeader(getTranslation("roster.preview.warnings")).setFlexGrow(1);
            warnings.setItems(warned);
            warnings.setAllRowsVisible(warned.size() <= 10);
            tabs.add(getTranslation("roster.preview.warnings-tab", warned.size()), warnings);
        }
        if (!p.goodRows().isEmpty()) {
            Grid<RosterRow> good = new Grid<>(RosterRow.class, false);
            good.setId("roster-good-rows");
            good.addThemeVariants(GridVariant.LUMO_COMPACT);
            good.addColumn(RosterRow::rowNumber).setHeader(getTranslation("roster.preview.row")).setAutoWidth(true).setFlexGrow(0);
            good.addColumn(r -> r.data().name()).setHeader(getTranslation("person.field.name")).setAutoWidth(true).setFlexGrow(0);
            good.addColumn(r -> getTranslation(r.registered() ? "roster.preview.row-registered" : "roster.preview.row-new"))
                    .setHeader(getTranslation("roster.preview.row-kind")).setAutoWidth(true).setFlexGrow(0);
            good.addColumn(r -> getTranslation("person.gender." + r.data().gender().name()))
                    .setHeader(getTranslation("person.field.gender")).setAutoWidth(true).setFlexGrow(0);
            good.addColumn(r -> r.unitToConfirm() == null ? r.unitName() : getTranslation("roster.preview.unit-pending", r.unitToConfirm()))
                    .setHeader(getTranslation("person.field.unit")).setFlexGrow(1);
            good.addColumn(RosterRow::sectorNames).setHeader(getTranslation("person.field.sectors")).setFlexGrow(1);
            good.addColumn(RosterRow::maskedIdCard).setHeader(getTranslation("person.field.id-card")).setAutoWidth(true).setFlexGrow(0);
            good.setItems(p.goodRows());
            good.setAllRowsVisible(p.goodRows().size() <= 10);
            tabs.add(getTranslation("roster.preview.good-tab", p.goodRows().size()), good);
        }
        previewArea.add(tabs, actions);
        showActions();
    }

    /**
     * Each unit the roster writes that names none of the caller's for sure, once, with how many rows write it
     * and the proposed unit: confirming it (or choosing another) maps all those rows.
     */
    private Div unitMatches(RosterPreview p) {
        Div card = new Div();
        card.addClassName("tx-card");
        card.setWidthFull();
        card.setId("roster-units");
        card.add(new H4(getTranslation("roster.units.title")));
        Paragraph hint = new Paragraph(getTranslation("roster.units.hint"));
        hint.addClassName("tx-muted");
        card.add(hint);
        List<UnitRef> mine = units.visibleUnits();
        int i = 0;
        for (RosterUnitMatch match : p.unitMatches()) {
            ComboBox<UnitRef> unit = UnitPicker.create(getTranslation("roster.units.written", match.written(), match.rows()), mine);
            unit.setId("roster-unit-" + i);
            unit.setWidth("min(22em, 100%)");
            unit.setValue(match.proposal());
            unit.setHelperText(match.proposal() != null ? getTranslation("roster.units.proposed")
                    : match.candidates().isEmpty() ? getTranslation("roster.units.none-similar")
                    : getTranslation("roster.units.several", match.candidates().stream().map(UnitRef::name).collect(Collectors.joining("、"))));
            Checkbox confirmed = new Checkbox(getTranslation("roster.units.confirm", match.rows()));
            confirmed.setId("roster-unit-confirm-" + i);
            confirmed.setEnabled(unit.getValue() != null);
            unit.addValueChangeListener(e -> {
                confirmed.setEnabled(e.getValue() != null);
                // Choosing a unit oneself is the confirmation; clearing it withdraws it.
                confirmed.setValue(e.getValue() != null && e.isFromClient());
            });
            confirmed.addValueChangeListener(e -> showActions());
            unitChoices.put(match.written(), new UnitChoice(unit, confirmed));
            HorizontalLayout line = new HorizontalLayout(unit, confirmed);
            line.addClassName("tx-filters");
            line.setAlignItems(FlexComponent.Alignment.BASELINE);
            card.add(line);
            i++;
        }
        return card;
    }

    /** The people already registered: the organizer decides, for all of them, to update or to skip. */
    private Div registeredChoice(RosterPreview p) {
        Div card = new Div();
        card.addClassName("tx-card");
        card.setWidthFull();
        card.setId("roster-registered");
        card.add(new H4(getTranslation("roster.registered.title", p.registeredCount())));
        RadioButtonGroup<Boolean> choice = new RadioButtonGroup<>();
        choice.setId("roster-registered-choice");
        choice.setItems(Boolean.TRUE, Boolean.FALSE);
        choice.setItemLabelGenerator(update -> getTranslation(update ? "roster.registered.update" : "roster.registered.skip",
                p.registeredCount()));
        choice.setValue(Boolean.FALSE);
        choice.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        choice.addValueChangeListener(e -> showActions());
        registeredChoice = choice;
        card.add(choice);
        return card;
    }

    /** The organizer's choices as the preview shows them now. */
    private RosterChoices choices() {
        Map<String, Long> mapped = new HashMap<>();
        unitChoices.forEach((written, c) -> {
            if (c.confirmed().getValue() && c.unit().getValue() != null) {
                mapped.put(written, c.unit().getValue().id());
            }
        });
        return new RosterChoices(mapped, registeredChoice != null && Boolean.TRUE.equals(registeredChoice.getValue()));
    }

    /** The buttons for the choices made so far: all rows, only the good ones (asked for), or nothing to do. */
    private void showActions() {
        RosterPreview p = preview;
        actions.removeAll();
        if (p == null) {
            return;
        }
        RosterChoices c = choices();
        long written = p.writtenWith(c);
        long leftOut = p.leftOutWith(c);
        Button cancel = new Button(getTranslation("action.cancel"), e -> cancel());
        cancel.setId("roster-cancel");
        HorizontalLayout buttons = new HorizontalLayout();
        buttons.addClassName("tx-filters");
        buttons.setAlignItems(FlexComponent.Alignment.CENTER);
        if (written > 0 && leftOut == 0) {
            Button confirm = new Button(getTranslation("roster.confirm.all", written), VaadinIcon.CHECK.create(),
                    e -> runImport(false));
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            confirm.setId("roster-confirm");
            buttons.add(confirm, cancel);
        } else if (written > 0) {
            Button onlyGood = new Button(getTranslation("roster.confirm.only-good", written), e -> confirmOnlyGood(written, leftOut));
            onlyGood.setId("roster-import-good");
            buttons.add(cancel, onlyGood);
            Paragraph explain = new Paragraph(getTranslation("roster.preview.has-problems", leftOut, written));
            explain.addClassName("tx-error-list");
            actions.add(explain);
        } else {
            boolean unitsToConfirm = leftOut > p.badRows().size();
            Paragraph explain = new Paragraph(getTranslation(unitsToConfirm ? "roster.preview.confirm-units-first"
                    : leftOut > 0 ? "roster.preview.nothing-good" : "roster.preview.nothing-to-write"));
            explain.addClassName("tx-error-list");
            explain.setId("roster-nothing");
            actions.add(explain);
            buttons.add(cancel);
        }
        actions.add(buttons);
    }

    /** Importing only part of a file is a decision: it is asked for, by name and number. */
    private void confirmOnlyGood(long written, long leftOut) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("roster-confirm-dialog");
        dialog.setHeader(getTranslation("roster.confirm.only-good.title"));
        dialog.setText(getTranslation("roster.confirm.only-good.text", written, leftOut));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("action.cancel"));
        dialog.setConfirmText(getTranslation("roster.confirm.only-good", written));
        dialog.addConfirmListener(e -> runImport(true));
        dialog.open();
    }

    private void runImport(boolean onlyGood) {
        RosterPreview p = preview;
        if (p == null) {
            return;
        }
        RosterChoices c = choices();
        busy("roster.progress.importing", () -> roster.importRows(p, c, onlyGood), this::showResult);
    }

    private void showResult(RosterImportResult r) {
        preview = null;
        unitChoices.clear();
        previewArea.removeAll();
        previewArea.setVisible(false);
        upload.clearFileList();
        result.removeAll();
        result.addClassName("tx-card");
        String message = r.message(getLocale());
        Span text = new Span(message);
        text.setId("roster-result-text");
        Button toList = new Button(getTranslation("roster.result.to-list"),
                e -> UI.getCurrent().navigate(PeopleListView.class));
        toList.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        result.add(new Paragraph(text), toList);
        result.setVisible(true);
        Notices.success(RosterImportResult.MESSAGE_KEY, r.summary(getLocale()));
    }

    private void cancel() {
        preview = null;
        unitChoices.clear();
        previewArea.removeAll();
        previewArea.setVisible(false);
        upload.clearFileList();
        Notices.success("roster.cancelled");
    }

    private Div stat(String labelKey, long value, String id) {
        Div box = new Div();
        box.addClassName("tx-card");
        box.addClassName("tx-roster-stat");
        Span number = new Span(String.valueOf(value));
        number.addClassName("tx-stat");
        number.setId(id);
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("tx-muted");
        box.add(number, new Div(label));
        return box;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.import");
    }
}
