package cn.tongxin.people.ui;

import cn.tongxin.people.IssuedCredential;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/** The issued one-time passwords as an .xlsx, to print or hand over: name, username, password. */
final class IssuedCredentialsSheet {

    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private IssuedCredentialsSheet() {
    }

    static byte[] write(List<IssuedCredential> credentials, Function<String, String> translate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "Tongxin", "1.0");
            Worksheet sheet = workbook.newWorksheet(translate.apply("admin.credentials.sheet"));
            String[] headers = {translate.apply("admin.credentials.name"), translate.apply("admin.credentials.username"),
                    translate.apply("admin.credentials.password")};
            for (int c = 0; c < headers.length; c++) {
                sheet.value(0, c, headers[c]);
                sheet.style(0, c).bold().fillColor("F2DCDB").set();
            }
            int row = 1;
            for (IssuedCredential credential : credentials) {
                sheet.value(row, 0, credential.displayName());
                sheet.value(row, 1, credential.username());
                sheet.value(row, 2, credential.initialPassword());
                row++;
            }
            sheet.width(0, 16);
            sheet.width(1, 18);
            sheet.width(2, 16);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
