package cn.tongxin.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A democratic party, 无党派 or 中共. */
@Entity
@Table(name = "party")
class Party {

    static final int NAME_MAX = 50;
    static final int SHORT_NAME_MAX = 20;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    @Column(name = "short_name")
    private String shortName;
    @Column(name = "sort_order")
    private int sortOrder;
    private boolean active = true;

    protected Party() {
    }

    Party(String name, String shortName, int sortOrder) {
        update(name, shortName, sortOrder, true);
    }

    void update(String name, String shortName, int sortOrder, boolean active) {
        String n = name == null ? "" : name.trim();
        String s = shortName == null || shortName.isBlank() ? n : shortName.trim();
        if (n.isEmpty() || n.length() > NAME_MAX || s.length() > SHORT_NAME_MAX) {
            throw new IllegalArgumentException("party name");
        }
        this.name = n;
        this.shortName = s;
        this.sortOrder = sortOrder;
        this.active = active;
    }

    Long getId() {
        return id;
    }

    ReferenceItem toItem() {
        return new ReferenceItem(id, name, shortName, sortOrder, active);
    }
}
