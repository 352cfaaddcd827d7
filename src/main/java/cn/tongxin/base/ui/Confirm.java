package cn.tongxin.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;

import java.util.function.Consumer;

/**
 * Asks before an action that cannot be undone or that reaches other people. The dialog says what will happen and to
 * how many; only its confirm button acts (Esc, a click outside and 取消 leave everything as it was). Refusals show as
 * messages and leave the dialog open; on success it closes. Every such question in the portal comes from here.
 */
public final class Confirm {

    public static final String OK_ID = "confirm-ok";
    public static final String CANCEL_ID = "confirm-cancel";
    public static final String REASON_ID = "confirm-reason";

    private Confirm() {
    }

    /**
     * Asks, with texts already translated; {@code destructive} colours the confirm button as a warning.
     * Runs {@code action} through {@link Notices#attempt} when confirmed.
     */
    public static Dialog ask(String title, String message, String confirmLabel, boolean destructive, Runnable action) {
        return open(title, message, confirmLabel, UI.getCurrent().getTranslation("action.cancel"), destructive, OK_ID,
                CANCEL_ID, action);
    }

    /**
     * Asks for a reason the other person will read (required, at most {@code maxLength} characters), then runs
     * {@code action} with it. What was typed survives Esc and clicks outside ({@link UnsavedChanges}).
     */
    public static Dialog askReason(String title, String message, String reasonLabel, int maxLength, String confirmLabel,
                                   Consumer<String> action) {
        Dialog dialog = new Dialog(title);
        dialog.setWidth("min(520px, 100vw)");
        TextArea reason = new TextArea(reasonLabel);
        reason.setId(REASON_ID);
        reason.setWidthFull();
        reason.setMaxLength(maxLength);
        reason.setRequired(true);
        dialog.add(new Paragraph(message), reason);
        UnsavedChanges changes = UnsavedChanges.ofDialog(dialog, reason);
        Button ok = new Button(confirmLabel, e -> {
            if (reason.getValue().isBlank()) {
                reason.setErrorMessage(UI.getCurrent().getTranslation("confirm.reason-required"));
                reason.setInvalid(true);
                return;
            }
            if (Notices.attempt(() -> action.accept(reason.getValue().trim()))) {
                changes.closeSaved();
            }
        });
        ok.setId(OK_ID);
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        Button cancel = new Button(UI.getCurrent().getTranslation("action.cancel"), e -> changes.requestClose());
        cancel.setId(CANCEL_ID);
        dialog.getFooter().add(cancel, ok);
        dialog.open();
        return dialog;
    }

    static Dialog open(String title, String message, String confirmLabel, String cancelLabel, boolean destructive,
                       String okId, String cancelId, Runnable action) {
        Dialog dialog = new Dialog(title);
        dialog.setWidth("min(520px, 100vw)");
        Paragraph text = new Paragraph(message);
        text.addClassName("tx-confirm-message");
        dialog.add(text);
        Button ok = new Button(confirmLabel, e -> {
            if (Notices.attempt(action)) {
                dialog.close();
            }
        });
        ok.setId(okId);
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (destructive) {
            ok.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        Button cancel = new Button(cancelLabel, e -> dialog.close());
        cancel.setId(cancelId);
        dialog.getFooter().add(cancel, ok);
        dialog.open();
        return dialog;
    }
}
