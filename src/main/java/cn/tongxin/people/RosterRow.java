package cn.tongxin.people;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * A roster row that passed every check, ready to import. {@code rowNumber} is the row as Excel numbers it.
 * The data holds the whole identity number (it stays on the server); screens show {@link #maskedIdCard()}.
 *
 * @param unitToConfirm the unit as the row writes it, when it names no unit of the caller's for sure and waits
 *                      for the organizer's mapping ({@link RosterUnitMatch}); null when the unit is known
 * @param registered    the register already has this person (same identity number, same name): the organizer
 *                      chooses to update or to skip such rows ({@link RosterChoices#updateRegistered()})
 * @param filled        the fields ({@link PersonRules} names, and "party", "representative") the row fills in:
 *                      an update writes these and keeps the rest as registered
 * @param warnings      what the import decided for the row, e.g. the gender taken from the identity number
 */
public record RosterRow(int rowNumber, PersonData data, String unitName, String partyName, String sectorNames,
                        String unitToConfirm, boolean registered, Set<String> filled, List<RosterIssue> warnings)
        implements Serializable {

    public RosterRow {
        filled = Set.copyOf(filled);
        warnings = List.copyOf(warnings);
    }

    public String maskedIdCard() {
        return IdCard.mask(data.idCard());
    }

    /** Left out for a reason, as a bad row is: its unit is not mapped. */
    public boolean leftOutWith(RosterChoices choices) {
        return unitToConfirm != null && !choices.units().containsKey(unitToConfirm);
    }

    /** Written by the import with these choices: not left out, and new or a registered person to update. */
    public boolean writtenWith(RosterChoices choices) {
        return !leftOutWith(choices) && (!registered || choices.updateRegistered());
    }

    RosterRow withData(PersonData other) {
        return new RosterRow(rowNumber, other, unitName, partyName, sectorNames, unitToConfirm, registered, filled, warnings);
    }
}
