package cn.tongxin.people;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/** The citizen identity number of GB 11643: 17 digits and a checksum character. */
public final class IdCard {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdCard() {
    }

    /** Full-width digits and letters to ASCII, spaces removed, 'x' to 'X': what people paste from Word. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Text.normalize(raw).replace(" ", "").toUpperCase();
        return s.isEmpty() ? null : s;
    }

    public static boolean isValid(String number) {
        if (number == null || number.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            char c = number.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 17 && c == 'X')) {
                return false;
            }
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11] == number.charAt(17) && birthDate(number).isPresent();
    }

    public static Optional<LocalDate> birthDate(String number) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14))));
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** 'M' or 'F', from the 17th digit (odd for men). */
    public static char gender(String number) {
        return (number.charAt(16) - '0') % 2 == 1 ? 'M' : 'F';
    }

    /** Shows the first 6 and last 4 characters: 110101********123X. Never null-unsafe. */
    public static String mask(String number) {
        if (number == null || number.length() < 10) {
            return number == null ? "" : "*".repeat(number.length());
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    /** The last four characters, as a masked number shows them too: what tells two people of one name apart. */
    public static String tail(String number) {
        return number == null || number.length() < 4 ? null : number.substring(number.length() - 4);
    }

    /** Adds the right checksum to 17 digits (used by demo data and tests). */
    public static String withChecksum(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK[sum % 11];
    }
}
