package cn.tongxin.base.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.selection.MultiSelectionEvent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A multi-select grid whose ticks survive new items: what was chosen under one filter stays chosen when the filter
 * changes (ticked again when its row comes back). Rows are matched by {@code key}; "select all" and "clear" act on the
 * rows in view.
 */
public final class LastingSelection<T, K> implements Serializable {

    private final Grid<T> grid;
    private final Function<T, K> key;
    private final Map<K, T> chosen = new LinkedHashMap<>();
    private final List<Consumer<Integer>> listeners = new ArrayList<>();
    private boolean loading;

    public LastingSelection(Grid<T> grid, Function<T, K> key) {
        this.grid = grid;
        this.key = key;
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.asMultiSelect().addSelectionListener(this::selectionChanged);
    }

    /** Shows these rows, with those chosen before ticked. */
    public void setItems(Collection<T> items) {
        loading = true;
        try {
            grid.setItems(items);
            items.stream().filter(i -> chosen.containsKey(key.apply(i))).forEach(grid::select);
        } finally {
            loading = false;
        }
    }

    /** Everything chosen, in view or not, in the order it was ticked. */
    public List<T> chosen() {
        return List.copyOf(chosen.values());
    }

    /** Told the number chosen after each change. */
    public void onChange(Consumer<Integer> listener) {
        listeners.add(listener);
    }

    private void selectionChanged(MultiSelectionEvent<Grid<T>, T> e) {
        if (loading) {
            return;
        }
        e.getRemovedSelection().forEach(i -> chosen.remove(key.apply(i)));
        e.getAddedSelection().forEach(i -> chosen.put(key.apply(i), i));
        listeners.forEach(l -> l.accept(chosen.size()));
    }
}
