package cn.tongxin.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.data.value.HasValueChangeMode;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.shared.Registration;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Typed input is never lost by accident. A dialog with changes asks before it closes (Esc, a click outside, 取消);
 * a view with changes asks before the portal navigates away, and the browser asks before the tab is closed or
 * reloaded. "Changes" are field values that differ from those {@link #remember() remembered} (when the form was
 * filled, and again after each save). Every form and dialog that takes typed input is guarded by this one class.
 */
public final class UnsavedChanges implements Serializable {

    private final Component owner;
    private final List<HasValue<?, ?>> fields;
    private final Map<HasValue<?, ?>, Object> remembered = new LinkedHashMap<>();
    /** The browser's own question on closing the tab is switched on and off per guard, by this key. */
    private final String key = UUID.randomUUID().toString();
    private boolean announced;
    private Registration leaveRegistration;

    private UnsavedChanges(Component owner, Collection<? extends HasValue<?, ?>> fields) {
        this.owner = owner;
        this.fields = List.copyOf(fields);
        this.fields.forEach(f -> f.addValueChangeListener(e -> announce()));
        owner.addDetachListener(e -> tellBrowser(e.getUI(), false));
        remember();
    }

    /**
     * Guards a dialog: Esc and clicks outside ask first when something was changed. Call it once the fields are
     * filled. Typing reaches the server as it happens, so that Esc pressed in a field still sees what was typed.
     * Wire the cancel button to {@link #requestClose()} and a successful save to {@link #closeSaved()}.
     */
    public static UnsavedChanges ofDialog(Dialog dialog, HasValue<?, ?>... fields) {
        return ofDialog(dialog, List.of(fields));
    }

    public static UnsavedChanges ofDialog(Dialog dialog, Collection<? extends HasValue<?, ?>> fields) {
        fields.forEach(f -> {
            if (f instanceof HasValueChangeMode typed) {
                typed.setValueChangeMode(ValueChangeMode.EAGER);
            }
        });
        UnsavedChanges changes = new UnsavedChanges(dialog, fields);
        dialog.addDialogCloseActionListener(e -> changes.requestClose());
        return changes;
    }

    /**
     * Guards a view: leaving it for another page of the portal asks first when something was changed (the
     * navigation is postponed and goes on only if the person chooses to discard). Call {@link #remember()} after the
     * form is filled and after it is saved.
     */
    public static UnsavedChanges ofView(Component view, Collection<? extends HasValue<?, ?>> fields) {
        UnsavedChanges changes = new UnsavedChanges(view, fields);
        view.addAttachListener(e -> {
            changes.dropLeaveListener();
            changes.leaveRegistration = e.getUI().addBeforeLeaveListener(changes::beforeLeave);
        });
        view.addDetachListener(e -> changes.dropLeaveListener());
        return changes;
    }

    /** The values now in the fields are the saved ones. */
    public void remember() {
        remembered.clear();
        fields.forEach(f -> remembered.put(f, comparable(f.getValue())));
        announce();
    }

    /** Whether any field differs from what was remembered. */
    public boolean changed() {
        return fields.stream().anyMatch(f -> !Objects.equals(remembered.get(f), comparable(f.getValue())));
    }

    /** For a dialog's cancel button (and its Esc and outside click): closes, after asking if there are changes. */
    public void requestClose() {
        if (!changed()) {
            closeSaved();
            return;
        }
        askToDiscard(this::closeSaved);
    }

    /** Closes the dialog without asking: what it held was saved (or nothing was changed). */
    public void closeSaved() {
        tellBrowser(UI.getCurrent(), false);
        ((Dialog) owner).close();
    }

    private void beforeLeave(BeforeLeaveEvent event) {
        if (!changed()) {
            return;
        }
        BeforeLeaveEvent.ContinueNavigationAction navigation = event.postpone();
        askToDiscard(() -> {
            remember();
            navigation.proceed();
        });
    }

    private void askToDiscard(Runnable discard) {
        UI ui = UI.getCurrent();
        Confirm.open(ui.getTranslation("unsaved.title"), ui.getTranslation("unsaved.message"),
                ui.getTranslation("unsaved.discard"), ui.getTranslation("unsaved.keep"), true, "unsaved-discard",
                "unsaved-keep", discard);
    }

    private void dropLeaveListener() {
        if (leaveRegistration != null) {
            leaveRegistration.remove();
            leaveRegistration = null;
        }
    }

    private void announce() {
        tellBrowser(owner.getUI().orElse(UI.getCurrent()), changed());
    }

    /** Switches the browser's question before closing or reloading the tab on or off for this guard. */
    private void tellBrowser(UI ui, boolean unsaved) {
        if (unsaved == announced || ui == null) {
            return;
        }
        announced = unsaved;
        ui.getPage().executeJs("""
                const open = window.txUnsaved || (window.txUnsaved = new Set());
                if (!window.txUnsavedHook) {
                  window.txUnsavedHook = true;
                  window.addEventListener('beforeunload', e => { if (window.txUnsaved.size) { e.preventDefault(); e.returnValue = ''; } });
                }
                if ($0) { open.add($1); } else { open.delete($1); }""", unsaved, key);
    }

    /** Values as they compare: empty text is no text, 3.0 is 3, collections by their elements. */
    private static Object comparable(Object value) {
        if (value instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        if (value instanceof Set<?> set) {
            return Set.copyOf(set);
        }
        if (value instanceof Collection<?> list) {
            return new ArrayList<>(list);
        }
        return value;
    }
}
