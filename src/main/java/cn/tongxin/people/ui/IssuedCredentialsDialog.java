package cn.tongxin.people.ui;

import cn.tongxin.audit.AuditDetail;
import cn.tongxin.audit.AuditService;
import cn.tongxin.people.IssuedCredential;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;

/**
 * Shows one-time passwords once: one account large on screen, many as a list with an .xlsx download.
 * Nothing keeps them; after closing, only a reset gives a new one.
 */
class IssuedCredentialsDialog extends Dialog {

    IssuedCredentialsDialog(List<IssuedCredential> issued, String summary, AuditService audit) {
        setId("credentials-dialog");
        setHeaderTitle(getTranslation("admin.credentials.title"));
        setWidth("min(640px, 96vw)");
        Paragraph warning = new Paragraph(getTranslation("admin.credentials.once"));
        warning.addClassName("tx-muted");
        if (summary != null) {
            Paragraph counts = new Paragraph(summary);
            counts.setId("credentials-summary");
            add(counts);
        }
        if (issued.size() == 1) {
            IssuedCredential c = issued.getFirst();
            Span username = new Span(c.username());
            username.setId("issued-username");
            Span password = new Span(c.initialPassword());
            password.setId("issued-password");
            password.addClassName("tx-secret");
            Div box = new Div(line("admin.credentials.name", new Span(c.displayName())),
                    line("admin.credentials.username", username), line("admin.credentials.password", password));
            box.addClassName("tx-card");
            add(box);
        } else if (!issued.isEmpty()) {
            Grid<IssuedCredential> grid = new Grid<>(IssuedCredential.class, false);
            grid.setId("credentials-grid");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            grid.addColumn(IssuedCredential::displayName).setHeader(getTranslation("admin.credentials.name"));
            grid.addColumn(IssuedCredential::username).setHeader(getTranslation("admin.credentials.username"));
            grid.addColumn(IssuedCredential::initialPassword).setHeader(getTranslation("admin.credentials.password"));
            grid.setItems(issued);
            grid.setHeight("320px");
            add(grid);
        }
        add(warning);
        if (!issued.isEmpty()) {
            String fileName = "accounts-" + LocalDate.now() + ".xlsx";
            Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
                byte[] bytes = IssuedCredentialsSheet.write(issued, key -> getTranslation(key));
                audit.record(AuditService.EXPORT, "ACCOUNT", null,
                        String.valueOf(issued.size()), AuditDetail.of("export.one-time-passwords", issued.size()));
                return new DownloadResponse(new ByteArrayInputStream(bytes), fileName,
                        IssuedCredentialsSheet.CONTENT_TYPE, bytes.length);
            }), AttachmentType.DOWNLOAD, "");
            download.setId("credentials-download");
            Button label = new Button(getTranslation("admin.credentials.download"), VaadinIcon.DOWNLOAD.create());
            label.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            label.setTabIndex(-1);
            download.add(label);
            getFooter().add(download);
        }
        Button close = new Button(getTranslation("action.close"), e -> close());
        close.setId("credentials-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
        setCloseOnOutsideClick(false);
    }

    private Div line(String key, Span value) {
        Span label = new Span(getTranslation("admin.label", getTranslation(key)));
        label.addClassName("tx-muted");
        Div line = new Div(label, value);
        line.addClassName("tx-credential-line");
        return line;
    }
}
