package cn.tongxin.people.ui;

import cn.tongxin.base.ui.Notices;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonDetail;
import cn.tongxin.people.PersonService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * A person's record, read-only: every field, the identity number masked. With {@code mayReveal}
 * (administrators) a button shows the whole number in place; the service logs each reveal.
 */
class PersonCard extends Div {

    PersonCard(PersonDetail detail, PersonService people, boolean mayReveal) {
        addClassName("tx-card");
        addClassName("tx-person-card");
        PersonData d = detail.data();
        H3 name = new H3(d.name());
        name.setId("person-name");
        add(name);
        Div fields = new Div();
        fields.addClassName("tx-person-fields");
        add(fields);

        field(fields, "person.field.gender", d.gender() == null ? "" : getTranslation("person.gender." + d.gender().name()), null);
        field(fields, "person.field.ethnicity", d.ethnicity(), null);
        field(fields, "person.field.birth-date", d.birthDate() == null ? null : d.birthDate().toString(), null);

        Span idCard = new Span(detail.maskedIdCard());
        idCard.setId("person-id-card");
        Div idValue = new Div(idCard);
        idValue.addClassName("tx-person-id");
        if (mayReveal && !detail.maskedIdCard().isEmpty()) {
            Button reveal = new Button(getTranslation("action.reveal"), VaadinIcon.EYE.create());
            reveal.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            reveal.setId("person-reveal");
            reveal.addClickListener(e -> Notices.attempt(() -> {
                idCard.setText(people.revealIdCard(detail.id()));
                reveal.setVisible(false);
            }));
            idValue.add(reveal);
        }
        label(fields, "person.field.id-card");
        fields.add(idValue);

        field(fields, "person.field.phone", d.phone(), "person-phone");
        field(fields, "person.field.email", d.email(), null);
        field(fields, "person.field.unit", detail.unitName(), "person-unit");
        field(fields, "person.field.sectors", String.join("、", detail.sectorNames()), null);
        field(fields, "person.field.party", detail.partyName(), null);
        field(fields, "person.field.position", d.position(), null);
        field(fields, "person.field.representative", getTranslation(d.representative() ? "people.value.yes" : "people.value.no"), null);
        field(fields, "person.field.status", d.status() == null ? "" : getTranslation("person.status." + d.status().name()), null);
        field(fields, "person.field.account", detail.username() == null ? getTranslation("person.account.none") : detail.username(),
                "person-account");
    }

    private void field(Div fields, String labelKey, String value, String id) {
        label(fields, labelKey);
        Span v = new Span(value == null || value.isBlank() ? "—" : value);
        v.addClassName("tx-person-value");
        if (id != null) {
            v.setId(id);
        }
        fields.add(v);
    }

    private void label(Div fields, String labelKey) {
        Span l = new Span(getTranslation(labelKey));
        l.addClassName("tx-person-label");
        fields.add(l);
    }
}
