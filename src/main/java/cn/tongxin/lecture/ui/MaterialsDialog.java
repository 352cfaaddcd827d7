package cn.tongxin.lecture.ui;

import cn.tongxin.base.Formats;
import cn.tongxin.base.ui.Confirm;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.base.ui.Notices;
import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.MaterialRow;
import cn.tongxin.lecture.TopicRow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;

import java.util.List;

/**
 * The materials of one topic: download each, and (for its organizers) upload more or delete one. The type of an
 * uploaded file is checked by its content in the service; a refusal is said in words and nothing is kept.
 */
class MaterialsDialog extends Dialog {

    private final LectureCatalogue catalogue;
    private final TopicRow topic;
    private final Grid<MaterialRow> grid = new Grid<>();
    private final Div content = new Div();

    MaterialsDialog(LectureCatalogue catalogue, TopicRow topic, Runnable changed) {
        this.catalogue = catalogue;
        this.topic = topic;
        setHeaderTitle(getTranslation("lecture.catalogue.material.title", topic.title()));
        setWidth("min(760px, 100vw)");
        grid.setId("materials-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(MaterialRow::fileName).setHeader(getTranslation("lecture.catalogue.material.file")).setFlexGrow(3);
        grid.addColumn(m -> MaterialLinks.size(m.sizeBytes())).setHeader(getTranslation("lecture.catalogue.material.size"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(m -> Formats.dateTime(m.uploadedAt())).setHeader(getTranslation("lecture.catalogue.material.uploaded"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(m -> {
            HorizontalLayout actions = new HorizontalLayout(MaterialLinks.download(catalogue, m));
            actions.setAlignItems(HorizontalLayout.Alignment.BASELINE);
            if (m.manageable()) {
                Button delete = new Button(VaadinIcon.TRASH.create(), e -> Confirm.ask(
                        getTranslation("lecture.catalogue.material.delete"),
                        getTranslation("lecture.catalogue.material.delete-message", m.fileName()),
                        getTranslation("lecture.catalogue.material.delete"), true, () -> {
                            catalogue.deleteMaterial(m.id());
                            refresh();
                            changed.run();
                        }));
                delete.setId("material-delete-" + m.id());
                delete.setAriaLabel(getTranslation("lecture.catalogue.material.delete"));
                delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                actions.add(delete);
            }
            return actions;
        }).setAutoWidth(true).setFlexGrow(0);
        content.setWidthFull();
        add(content);
        if (topic.manageable()) {
            Upload upload = new Upload();
            // The server stops reading past the limit too: the browser's own check is only a courtesy.
            upload.setUploadHandler(new InMemoryUploadHandler((meta, bytes) -> {
                // Runs in the UI's access: the refusal (wrong content, too large) shows at once.
                if (Notices.attempt(() -> catalogue.addMaterial(topic.id(), meta.fileName(), bytes))) {
                    Notices.success("lecture.catalogue.material.uploaded-ok", meta.fileName());
                    refresh();
                    changed.run();
                }
                upload.clearFileList();
            }) {
                @Override
                public long getFileSizeMax() {
                    return LectureCatalogue.MATERIAL_MAX_BYTES;
                }

                @Override
                public long getRequestSizeMax() {
                    return LectureCatalogue.MATERIAL_MAX_BYTES + 64 * 1024;
                }
            });
            upload.setId("material-upload");
            upload.setAcceptedFileTypes(LectureCatalogue.MATERIAL_EXTENSIONS.toArray(String[]::new));
            upload.setMaxFileSize(LectureCatalogue.MATERIAL_MAX_BYTES);
            upload.setUploadButton(new Button(getTranslation("lecture.catalogue.material.upload"), VaadinIcon.UPLOAD.create()));
            upload.setDropLabel(new Span(getTranslation("lecture.catalogue.material.drop")));
            upload.addFileRejectedListener(e -> Notices.error("lecture.catalogue.material.rejected",
                    LectureCatalogue.MATERIAL_MAX_BYTES / 1024 / 1024));
            upload.setWidthFull();
            Paragraph hint = new Paragraph(getTranslation("lecture.catalogue.material.hint",
                    LectureCatalogue.MATERIAL_MAX_BYTES / 1024 / 1024));
            hint.addClassName("tx-muted");
            add(hint, upload);
        }
        Button close = new Button(getTranslation("action.close"), e -> close());
        close.setId("materials-close");
        getFooter().add(close);
        refresh();
    }

    private void refresh() {
        List<MaterialRow> rows = catalogue.materials(topic.id());
        grid.setItems(rows);
        content.removeAll();
        content.add(rows.isEmpty() ? new EmptyState("lecture.catalogue.material.empty",
                topic.manageable() ? "lecture.catalogue.material.empty-hint" : "lecture.catalogue.material.empty-hint-reader") : grid);
    }
}
