package cn.tongxin.people;

import java.io.Serializable;

/**
 * A roster row that passed every check, ready to import. {@code rowNumber} is the row as Excel numbers it.
 * The data holds the whole identity number (it stays on the server); screens show {@link #maskedIdCard()}.
 */
public record RosterRow(int rowNumber, PersonData data, String unitName, String partyName, String sectorNames)
        implements Serializable {

    public String maskedIdCard() {
        return IdCard.mask(data.idCard());
    }
}
