package cn.tongxin.people.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.IssuedCredential;
import cn.tongxin.people.UnitRef;
import cn.tongxin.security.Roles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** A new account for a person who works here: an organizer, a checker or another administrator. */
class AccountFormDialog extends Dialog {

    private final TextField username = new TextField();
    private final TextField displayName = new TextField();
    private final ComboBox<UnitRef> unit;
    private final CheckboxGroup<String> roles = new CheckboxGroup<>();

    AccountFormDialog(AccountService accounts, List<UnitRef> units, Consumer<IssuedCredential> created) {
        setId("account-form");
        setHeaderTitle(getTranslation("admin.accounts.new"));
        setWidth("min(560px, 96vw)");
        username.setLabel(getTranslation("admin.accounts.username"));
        username.setId("account-username");
        username.setRequired(true);
        username.setMaxLength(50);
        username.setAllowedCharPattern("[A-Za-z0-9_.@-]");
        username.setHelperText(getTranslation("admin.accounts.username-hint"));
        displayName.setLabel(getTranslation("admin.accounts.display-name"));
        displayName.setId("account-display-name");
        displayName.setRequired(true);
        displayName.setMaxLength(50);
        unit = AdminUnitBox.of(getTranslation("admin.accounts.unit"), units);
        unit.setId("account-unit");
        unit.setRequired(true);
        if (!units.isEmpty()) {
            unit.setValue(units.stream().min(java.util.Comparator.comparing(UnitRef::depth)).orElseThrow());
        }
        roles.setLabel(getTranslation("admin.accounts.roles"));
        roles.setId("account-roles");
        roles.setItems(Roles.ALL);
        roles.setItemLabelGenerator(r -> getTranslation("admin.role." + r));
        roles.setValue(Set.of(Roles.ORGANIZER));
        FormLayout form = new FormLayout(username, displayName, unit, roles);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("480px", 2));
        form.setColspan(roles, 2);
        add(form);

        Button save = new Button(getTranslation("action.save"), e -> {
            if (unit.getValue() == null) {
                unit.setInvalid(true);
                unit.setErrorMessage(getTranslation("admin.accounts.unit-required"));
                return;
            }
            IssuedCredential[] issued = new IssuedCredential[1];
            if (Notices.attempt(() -> issued[0] = accounts.create(username.getValue(), displayName.getValue(),
                    unit.getValue().id(), null, Set.copyOf(roles.getValue())))) {
                close();
                created.accept(issued[0]);
            }
        });
        save.setId("account-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        getFooter().add(cancel, save);
    }
}
