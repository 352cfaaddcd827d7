package cn.tongxin.people;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a person's data must meet, in one place: the form shows them by field, the roster
 * import by row, and the service refuses anything that breaks them. Values are translation keys.
 */
public final class PersonRules {

    public static final String NAME = "name";
    public static final String GENDER = "gender";
    public static final String BIRTH_DATE = "birthDate";
    public static final String ID_CARD = "idCard";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String UNIT = "unit";
    public static final String SECTORS = "sectors";
    public static final String ETHNICITY = "ethnicity";
    public static final String POSITION = "position";

    private static final Pattern PHONE_PATTERN = Pattern.compile("^(1[3-9][0-9]{9}|0[0-9]{2,3}[0-9]{7,8})$");
    private static final Pattern EMAIL_PATTERN = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");

    private PersonRules() {
    }

    /** Field → translation key of what is wrong; empty when the (normalized) data is good. */
    public static Map<String, String> check(PersonData d, LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (d.name() == null) {
            errors.put(NAME, "person.error.name-required");
        } else if (d.name().length() > PersonData.NAME_MAX) {
            errors.put(NAME, "person.error.name-too-long");
        }
        if (d.gender() == null) {
            errors.put(GENDER, "person.error.gender-required");
        }
        if (d.ethnicity() != null && d.ethnicity().length() > PersonData.ETHNICITY_MAX) {
            errors.put(ETHNICITY, "person.error.too-long");
        }
        if (d.position() != null && d.position().length() > PersonData.POSITION_MAX) {
            errors.put(POSITION, "person.error.too-long");
        }
        if (d.birthDate() != null && (d.birthDate().isAfter(today) || d.birthDate().getYear() < 1900)) {
            errors.put(BIRTH_DATE, "person.error.birth-date");
        }
        if (d.idCard() != null) {
            if (!IdCard.isValid(d.idCard())) {
                errors.put(ID_CARD, "person.error.id-card-invalid");
            } else if (d.birthDate() != null && !IdCard.birthDate(d.idCard()).orElseThrow().equals(d.birthDate())) {
                errors.put(ID_CARD, "person.error.id-card-birth-date");
            } else if (d.gender() != null && IdCard.gender(d.idCard()) != d.gender().name().charAt(0)) {
                errors.put(ID_CARD, "person.error.id-card-gender");
            }
        }
        if (d.phone() != null && !PHONE_PATTERN.matcher(d.phone()).matches()) {
            errors.put(PHONE, "person.error.phone");
        }
        if (d.email() != null && (d.email().length() > PersonData.EMAIL_MAX || !EMAIL_PATTERN.matcher(d.email()).matches())) {
            errors.put(EMAIL, "person.error.email");
        }
        if (d.unitId() == null) {
            errors.put(UNIT, "person.error.unit-required");
        }
        if (d.sectorIds() == null || d.sectorIds().isEmpty()) {
            errors.put(SECTORS, "person.error.sector-required");
        }
        return errors;
    }
}
