package cn.tongxin.base.ui;

import com.vaadin.flow.component.grid.Grid;

import java.util.List;

/**
 * Grids on a phone-sized window: secondary columns hidden (and shown again when it widens), a compact column in their
 * place, and the row's actions always in sight.
 */
public final class NarrowScreen {

    public static final int PHONE_MAX_WIDTH = 600;

    private NarrowScreen() {
    }

    public static void hideOnPhone(Grid<?> grid, List<? extends Grid.Column<?>> columns) {
        swapOnPhone(grid, columns, List.of());
    }

    /** On a phone {@code wide} columns are hidden and {@code compact} ones shown; elsewhere the other way round. */
    public static void swapOnPhone(Grid<?> grid, List<? extends Grid.Column<?>> wide, List<? extends Grid.Column<?>> compact) {
        apply(wide, compact, 0);
        grid.addAttachListener(attach -> {
            var page = attach.getUI().getPage();
            page.retrieveExtendedClientDetails(details -> apply(wide, compact, details.getWindowInnerWidth()));
            var registration = page.addBrowserWindowResizeListener(e -> apply(wide, compact, e.getWidth()));
            grid.addDetachListener(detach -> {
                registration.remove();
                detach.unregisterListener();
            });
        });
    }

    /**
     * Keeps a row's action buttons in sight at any width: the column is frozen at the end of the row (the others
     * scroll beneath it when they do not fit), as wide as its buttons.
     */
    public static void keepInSight(Grid.Column<?> actions) {
        actions.setFrozenToEnd(true);
        actions.setAutoWidth(true);
        actions.setFlexGrow(0);
    }

    private static void apply(List<? extends Grid.Column<?>> wide, List<? extends Grid.Column<?>> compact, int width) {
        boolean phone = width > 0 && width <= PHONE_MAX_WIDTH;
        wide.forEach(c -> c.setVisible(!phone));
        compact.forEach(c -> c.setVisible(phone));
    }
}
