package cn.tongxin.rotation;

import cn.tongxin.people.PersonLabel;

public record NominationRow(long id, long classId, long unitId, String unitName, long personId, PersonLabel person,
                            NominationStatus status, String reason) {

    public String personName() {
        return person.name();
    }
}
