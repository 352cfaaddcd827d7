package cn.tongxin.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A sector of the people the united front works with (统战工作对象). */
@Entity
@Table(name = "sector")
class Sector {

    static final int NAME_MAX = 50;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    @Column(name = "sort_order")
    private int sortOrder;
    private boolean active = true;

    protected Sector() {
    }

    Sector(String name, int sortOrder) {
        update(name, sortOrder, true);
    }

    void update(String name, int sortOrder, boolean active) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new IllegalArgumentException("sector name");
        }
        this.name = trimmed;
        this.sortOrder = sortOrder;
        this.active = active;
    }

    Long getId() {
        return id;
    }

    ReferenceItem toItem() {
        return new ReferenceItem(id, name, null, sortOrder, active);
    }
}
