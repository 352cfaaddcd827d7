package cn.tongxin.people;

import java.io.Serializable;

/** A unit as other features and views see it. {@code path} is '/1/4/9/': a subtree is a prefix. */
public record UnitRef(long id, Long parentId, String name, UnitKind kind, String path) implements Serializable {

    public int depth() {
        return (int) path.chars().filter(c -> c == '/').count() - 2;
    }

    public boolean contains(UnitRef other) {
        return other.path.startsWith(path);
    }
}
