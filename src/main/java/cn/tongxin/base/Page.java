package cn.tongxin.base;

import java.util.List;

/** One page of a list, with the total, for lazily paged grids. */
public record Page<T>(List<T> items, long total) {
}
