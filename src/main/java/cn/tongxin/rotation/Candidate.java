package cn.tongxin.rotation;

import cn.tongxin.people.PersonLabel;

/** A person of a plan's population, as offered for filling a class. */
public record Candidate(long personId, PersonLabel person, String unitName, String sectors, boolean representative,
                        boolean trained, boolean enrolled) {

    public String name() {
        return person.name();
    }
}
