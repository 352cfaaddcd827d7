package cn.tongxin.people.ui;

import cn.tongxin.base.DomainException;
import cn.tongxin.base.ui.Background;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.people.RosterImportResult;
import cn.tongxin.people.RosterImportService;
import cn.tongxin.people.RosterPreview;
import cn.tongxin.people.RosterProblem;
import cn.tongxin.people.RosterRow;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
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

import java.util.function.Consumer;
import java.util.function.Supplier;

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
    private RosterPreview preview;

    RosterImportView(RosterImportService roster, Background background) {
        this.roster = roster;
        this.background = background;
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
        // Ready for a corrected file at once; the preview names the file it shows.
        upload.clearFileList();
        previewArea.removeAll();
        previewArea.setVisible(true);

        HorizontalLayout stats = new HorizontalLayout(
                stat("roster.preview.total", p.totalRows(), "roster-total"),
                stat("roster.preview.good", p.goodRows().size(), "roster-good"),
                stat("roster.preview.bad", p.badRows().size(), "roster-bad"));
        stats.addClassName("tx-filters");
        previewArea.add(new H3(getTranslation("roster.preview.title", p.fileName())), stats);

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
        if (!p.goodRows().isEmpty()) {
            Grid<RosterRow> good = new Grid<>(RosterRow.class, false);
            good.setId("roster-good-rows");
            good.addThemeVariants(GridVariant.LUMO_COMPACT);
            good.addColumn(RosterRow::rowNumber).setHeader(getTranslation("roster.preview.row")).setAutoWidth(true).setFlexGrow(0);
            good.addColumn(r -> r.data().name()).setHeader(getTranslation("person.field.name")).setAutoWidth(true).setFlexGrow(0);
            good.addColumn(r -> getTranslation("person.gender." + r.data().gender().name()))
                    .setHeader(getTranslation("person.field.gender")).setAutoWidth(true).setFlexGrow(0);
            good.addColumn(RosterRow::unitName).setHeader(getTranslation("person.field.unit")).setFlexGrow(1);
            good.addColumn(RosterRow::sectorNames).setHeader(getTranslation("person.field.sectors")).setFlexGrow(1);
            good.addColumn(RosterRow::maskedIdCard).setHeader(getTranslation("person.field.id-card")).setAutoWidth(true).setFlexGrow(0);
            good.setItems(p.goodRows());
            good.setAllRowsVisible(p.goodRows().size() <= 10);
            tabs.add(getTranslation("roster.preview.good-tab", p.goodRows().size()), good);
        }
        previewArea.add(tabs);

        Button cancel = new Button(getTranslation("action.cancel"), e -> cancel());
        cancel.setId("roster-cancel");
        HorizontalLayout actions = new HorizontalLayout();
        actions.addClassName("tx-filters");
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        int good = p.goodRows().size();
        if (good > 0 && !p.hasProblems()) {
            Button confirm = new Button(getTranslation("roster.confirm.all", good), VaadinIcon.CHECK.create(),
                    e -> runImport(false));
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            confirm.setId("roster-confirm");
            actions.add(confirm, cancel);
        } else if (good > 0) {
            Button onlyGood = new Button(getTranslation("roster.confirm.only-good", good), e -> confirmOnlyGood(p));
            onlyGood.setId("roster-import-good");
            actions.add(cancel, onlyGood);
            Paragraph explain = new Paragraph(getTranslation("roster.preview.has-problems", p.badRows().size(), good));
            explain.addClassName("tx-error-list");
            previewArea.add(explain);
        } else {
            Paragraph explain = new Paragraph(getTranslation("roster.preview.nothing-good"));
            explain.addClassName("tx-error-list");
            previewArea.add(explain);
            actions.add(cancel);
        }
        previewArea.add(actions);
    }

    /** Importing only part of a file is a decision: it is asked for, by name and number. */
    private void confirmOnlyGood(RosterPreview p) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("roster-confirm-dialog");
        dialog.setHeader(getTranslation("roster.confirm.only-good.title"));
        dialog.setText(getTranslation("roster.confirm.only-good.text", p.goodRows().size(), p.badRows().size()));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("action.cancel"));
        dialog.setConfirmText(getTranslation("roster.confirm.only-good", p.goodRows().size()));
        dialog.addConfirmListener(e -> runImport(true));
        dialog.open();
    }

    private void runImport(boolean onlyGood) {
        RosterPreview p = preview;
        if (p == null) {
            return;
        }
        busy("roster.progress.importing", () -> roster.importRows(p, onlyGood), this::showResult);
    }

    private void showResult(RosterImportResult r) {
        preview = null;
        previewArea.removeAll();
        previewArea.setVisible(false);
        upload.clearFileList();
        result.removeAll();
        result.addClassName("tx-card");
        Span text = new Span(getTranslation(r.skipped() == 0 ? "roster.result.all" : "roster.result.partial",
                r.imported(), r.skipped()));
        text.setId("roster-result-text");
        Button toList = new Button(getTranslation("roster.result.to-list"),
                e -> UI.getCurrent().navigate(PeopleListView.class));
        toList.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        result.add(new Paragraph(text), toList);
        result.setVisible(true);
        Notices.success(r.skipped() == 0 ? "roster.result.all" : "roster.result.partial", r.imported(), r.skipped());
    }

    private void cancel() {
        preview = null;
        previewArea.removeAll();
        previewArea.setVisible(false);
        upload.clearFileList();
        Notices.success("roster.cancelled");
    }

    private Div stat(String labelKey, int value, String id) {
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
