package cn.tongxin.people;

import java.io.Serializable;

/** One line of a people list. The identity number is masked. */
public record PersonRow(long id, String name, Gender gender, String unitName, String partyName, String sectors,
                        String position, boolean representative, String maskedIdCard, String phone,
                        PersonStatus status, Integer birthYear) implements Serializable {

    /** What tells this person apart from others of the same name, for pickers fed from the list. */
    public PersonLabel label() {
        return new PersonLabel(name, birthYear, IdCard.tail(maskedIdCard), position);
    }
}
