package cn.tongxin.people;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Set;

/** What a person's form, or one roster row, says about a person. */
public record PersonData(String name, Gender gender, String ethnicity, LocalDate birthDate, String idCard,
                         String phone, String email, Long unitId, Long partyId, Set<Long> sectorIds,
                         String position, boolean representative, PersonStatus status) implements Serializable {

    public static final int NAME_MAX = 50;
    public static final int ETHNICITY_MAX = 20;
    public static final int PHONE_MAX = 20;
    public static final int EMAIL_MAX = 100;
    public static final int POSITION_MAX = 100;

    public PersonData withIdCard(String number) {
        return new PersonData(name, gender, ethnicity, birthDate, number, phone, email, unitId, partyId, sectorIds,
                position, representative, status);
    }

    /** The same data with the text cleaned (full-width digits, spaces, 'x' in the ID number). */
    public PersonData normalized() {
        return new PersonData(Text.clean(name), gender, Text.clean(ethnicity), birthDate, IdCard.normalize(idCard),
                Text.clean(phone) == null ? null : Text.clean(phone).replace(" ", "").replace("-", ""),
                Text.clean(email) == null ? null : Text.clean(email).toLowerCase(), unitId, partyId,
                sectorIds == null ? Set.of() : Set.copyOf(sectorIds), Text.clean(position), representative,
                status == null ? PersonStatus.ACTIVE : status);
    }
}
