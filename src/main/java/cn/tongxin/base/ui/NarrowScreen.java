package cn.tongxin.base.ui;

import com.vaadin.flow.component.grid.Grid;

import java.util.List;

/** Hides a grid's secondary columns on a phone-sized window (and shows them again when it widens). */
public final class NarrowScreen {

    public static final int PHONE_MAX_WIDTH = 600;

    private NarrowScreen() {
    }

    public static void hideOnPhone(Grid<?> grid, List<? extends Grid.Column<?>> columns) {
        grid.addAttachListener(attach -> {
            var page = attach.getUI().getPage();
            page.retrieveExtendedClientDetails(details -> apply(columns, details.getWindowInnerWidth()));
            var registration = page.addBrowserWindowResizeListener(e -> apply(columns, e.getWidth()));
            grid.addDetachListener(detach -> {
                registration.remove();
                detach.unregisterListener();
            });
        });
    }

    private static void apply(List<? extends Grid.Column<?>> columns, int width) {
        boolean phone = width > 0 && width <= PHONE_MAX_WIDTH;
        columns.forEach(c -> c.setVisible(!phone));
    }
}
