package cn.tongxin.people;

import java.io.Serializable;

/** One line of a people list. The identity number is masked. */
public record PersonRow(long id, String name, Gender gender, String unitName, String partyName, String sectors,
                        String position, boolean representative, String maskedIdCard, String phone,
                        PersonStatus status) implements Serializable {
}
