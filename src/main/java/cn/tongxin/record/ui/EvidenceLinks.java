package cn.tongxin.record.ui;

import cn.tongxin.record.EvidenceContent;
import cn.tongxin.record.EvidenceInfo;
import cn.tongxin.record.SelfStudy;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * An entry's evidence: a download link per file, named by the file's own name as text, and for images a preview.
 * The downloaded file is named by its id and type, never by the uploader's name, which goes into no header.
 */
final class EvidenceLinks {

    private EvidenceLinks() {
    }

    static Div of(SelfStudy service, List<EvidenceInfo> files, String idPrefix, boolean previews) {
        Div box = new Div();
        box.setId(idPrefix + "evidence");
        if (files.isEmpty()) {
            Span none = new Span(box.getTranslation("record.selfstudy.evidence.none"));
            none.addClassName("tx-muted");
            box.add(none);
            return box;
        }
        for (EvidenceInfo f : files) {
            DownloadHandler handler = handler(service, f);
            Anchor link = new Anchor(handler, f.fileName());
            link.setId(idPrefix + "evidence-" + f.id());
            link.getElement().setAttribute("download", true);
            link.getStyle().set("overflow-wrap", "anywhere");
            Div row = new Div(link);
            if (previews && f.image()) {
                Image preview = new Image(handler(service, f), f.fileName());
                preview.setId(idPrefix + "preview-" + f.id());
                preview.getStyle().set("max-width", "100%").set("max-height", "480px").set("display", "block");
                row.add(preview);
            }
            box.add(row);
        }
        return box;
    }

    private static DownloadHandler handler(SelfStudy service, EvidenceInfo f) {
        return DownloadHandler.fromInputStream(e -> {
            EvidenceContent c = service.evidence(f.id());
            String ext = switch (c.contentType()) {
                case "application/pdf" -> ".pdf";
                case "image/png" -> ".png";
                default -> ".jpg";
            };
            return new DownloadResponse(new ByteArrayInputStream(c.content()), "evidence-" + f.id() + ext,
                    c.contentType(), c.content().length);
        });
    }
}
