package cn.tongxin.rotation;

import java.util.List;

/** Why the planner could not place some people: a translation key and its arguments. */
public record Shortfall(String key, List<Object> args) {
    public Object[] argArray() {
        return args.toArray();
    }
}
