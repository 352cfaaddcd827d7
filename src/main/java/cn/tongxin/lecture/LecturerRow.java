package cn.tongxin.lecture;

import cn.tongxin.people.PersonLabel;

import java.io.Serializable;

/**
 * A lecturer (宣讲员) as the catalogue lists them: the person of the register, their unit, fields and profile.
 * {@code hasAccount}: whether the person has an account (which then carries the LECTURER role);
 * {@code manageable}: whether the caller may change this lecturer.
 */
public record LecturerRow(long personId, PersonLabel person, long unitId, String unitName, String fields, String profile,
                          boolean active, boolean hasAccount, boolean manageable, int version) implements Serializable {

    public String name() {
        return person.name();
    }
}
