package cn.tongxin.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

@Entity
@Table(name = "unit")
class Unit {

    static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "parent_id", updatable = false)
    private Long parentId;
    private String name;
    @Enumerated(EnumType.STRING)
    private UnitKind kind;
    /** Kept by a database trigger: '/1/4/9/'. */
    @Generated(event = EventType.INSERT)
    @Column(insertable = false, updatable = false)
    private String path;
    @Column(name = "sort_order")
    private int sortOrder;

    protected Unit() {
    }

    Unit(Long parentId, String name, UnitKind kind, int sortOrder) {
        this.parentId = parentId;
        this.kind = kind;
        this.sortOrder = sortOrder;
        rename(name);
    }

    void rename(String newName) {
        String trimmed = newName == null ? "" : newName.trim();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new IllegalArgumentException("unit name");
        }
        this.name = trimmed;
    }

    Long getId() {
        return id;
    }

    Long getParentId() {
        return parentId;
    }

    String getName() {
        return name;
    }

    UnitKind getKind() {
        return kind;
    }

    String getPath() {
        return path;
    }

    int getSortOrder() {
        return sortOrder;
    }

    UnitRef toRef() {
        return new UnitRef(id, parentId, name, kind, path);
    }
}
