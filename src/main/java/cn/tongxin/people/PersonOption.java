package cn.tongxin.people;


import java.util.Objects;

/** A person to pick in a form (e.g. the people a plan names one by one): the same person whatever the label says. */
public record PersonOption(long id, PersonLabel person, String unitName) {

    public String name() {
        return person.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonOption other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
