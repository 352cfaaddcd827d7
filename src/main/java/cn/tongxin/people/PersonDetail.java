package cn.tongxin.people;

import java.io.Serializable;
import java.util.List;

/** A person's record as the detail page and the form show it; the identity number is masked. */
public record PersonDetail(long id, int version, PersonData data, String maskedIdCard, String unitName,
                           String partyName, List<String> sectorNames, String username) implements Serializable {
}
