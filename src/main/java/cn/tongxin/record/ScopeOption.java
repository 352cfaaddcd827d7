package cn.tongxin.record;

import java.io.Serializable;

/** A unit or sector a list can be filtered by. */
public record ScopeOption(long id, String name) implements Serializable {
}
