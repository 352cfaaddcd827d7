package cn.tongxin.lecture.ui;

import cn.tongxin.lecture.LectureCatalogue;
import cn.tongxin.lecture.MaterialFile;
import cn.tongxin.lecture.MaterialRow;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.server.streams.DownloadHandler;

import java.util.Locale;

/** The download link of a material, the same on the catalogue and on the lecturer's page. */
final class MaterialLinks {

    private MaterialLinks() {
    }

    /**
     * A link that fetches the file through the service at the moment of the click (so its scope check applies then),
     * named with the uploaded name made safe for the header; the name shows as text.
     */
    static Anchor download(LectureCatalogue catalogue, MaterialRow m) {
        DownloadHandler handler = event -> {
            MaterialFile file = catalogue.download(m.id());
            event.setFileName(file.downloadName());
            event.setContentType(file.contentType());
            // Uploaded by people: never let a browser guess another type from the bytes.
            event.getResponse().setHeader("X-Content-Type-Options", "nosniff");
            event.setContentLength(file.content().length);
            event.getOutputStream().write(file.content());
        };
        Anchor link = new Anchor(handler, AttachmentType.DOWNLOAD, m.fileName());
        link.setId("material-download-" + m.id());
        return link;
    }

    /** "1.2 MB", "35 KB". */
    static String size(int bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
        }
        return Math.max(1, Math.round(bytes / 1024.0)) + " KB";
    }
}
