package cn.tongxin.certificate;

import java.time.LocalDate;

/** What the public check of a certificate number shows: nothing about the person but a masked name. */
public record Verification(String number, boolean valid, String classTitle, String unitName, LocalDate issuedOn,
                           String maskedName) {
}
