package cn.tongxin.people.ui;

import cn.tongxin.people.Audience;
import cn.tongxin.people.PersonOption;
import cn.tongxin.people.PersonQuery;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields of an {@link Audience} (sectors, parties, unit subtrees, representative figures only, named people), for
 * every form that defines a population: a rotation plan, a lecture's audience. Named people are searched in the
 * caller's scope as they type: a province has too many to list. The caller lays the fields out.
 */
@org.springframework.modulith.NamedInterface("audience-fields")
public final class AudienceFields {

    private final List<UnitRef> visible;
    private final List<ReferenceItem> sectorItems;
    private final List<ReferenceItem> partyItems;
    private final PersonService people;
    public final MultiSelectComboBox<ReferenceItem> sectors;
    public final MultiSelectComboBox<ReferenceItem> parties;
    public final MultiSelectComboBox<UnitRef> subtrees;
    public final Checkbox representative;
    public final MultiSelectComboBox<PersonOption> named;

    /** {@code idPrefix} names the fields for tests ("plan" gives plan-sectors, plan-people …). */
    public AudienceFields(Component owner, String idPrefix, ReferenceDataService reference, UnitService units,
                          PersonService people) {
        this.people = people;
        this.visible = units.visibleUnits();
        this.sectorItems = reference.sectors();
        this.partyItems = reference.parties();
        sectors = new MultiSelectComboBox<>(owner.getTranslation("audience.sectors"), sectorItems);
        sectors.setItemLabelGenerator(ReferenceItem::name);
        sectors.setId(idPrefix + "-sectors");
        parties = new MultiSelectComboBox<>(owner.getTranslation("audience.parties"), partyItems);
        parties.setItemLabelGenerator(ReferenceItem::name);
        parties.setId(idPrefix + "-parties");
        subtrees = new MultiSelectComboBox<>(owner.getTranslation("audience.units"), visible);
        subtrees.setItemLabelGenerator(UnitRef::name);
        subtrees.setId(idPrefix + "-units");
        representative = new Checkbox(owner.getTranslation("audience.representative"));
        representative.setId(idPrefix + "-representative");
        named = new MultiSelectComboBox<>(owner.getTranslation("audience.people"));
        named.setId(idPrefix + "-people");
        named.setItems(q -> people.search(new PersonQuery(q.getFilter().orElse(null), null, null, null, null, PersonStatus.ACTIVE),
                        q.getOffset(), q.getLimit()).items().stream()
                .map(p -> new PersonOption(p.id(), p.label(), p.unitName())));
        named.setItemLabelGenerator(p -> p.person().text(named.getUI().map(ui -> ui.getLocale()).orElse(com.vaadin.flow.server.VaadinSession.getCurrent() == null ? java.util.Locale.SIMPLIFIED_CHINESE : com.vaadin.flow.server.VaadinSession.getCurrent().getLocale()), p.unitName()));
        named.setHelperText(owner.getTranslation("audience.people.help"));
    }

    /** The units the caller sees (for the form's own unit field). */
    public List<UnitRef> visibleUnits() {
        return visible;
    }

    public void setValue(Audience a) {
        sectors.setValue(pick(sectorItems, ReferenceItem::id, a.sectorIds()));
        parties.setValue(pick(partyItems, ReferenceItem::id, a.partyIds()));
        subtrees.setValue(pick(visible, UnitRef::id, a.unitIds()));
        representative.setValue(a.representativeOnly());
        named.setValue(Set.copyOf(people.options(a.personIds())));
    }

    public Audience getValue() {
        return new Audience(sectors.getValue().stream().map(ReferenceItem::id).collect(Collectors.toSet()),
                parties.getValue().stream().map(ReferenceItem::id).collect(Collectors.toSet()),
                subtrees.getValue().stream().map(UnitRef::id).collect(Collectors.toSet()), representative.getValue(),
                named.getValue().stream().map(PersonOption::id).collect(Collectors.toSet()));
    }

    /** All the fields, in their order, for a form layout and for the unsaved-changes guard. */
    public List<HasValue<?, ?>> fields() {
        return List.of(sectors, parties, subtrees, representative, named);
    }

    public Component[] components() {
        return new Component[]{sectors, parties, subtrees, representative, named};
    }

    private static <T> Set<T> pick(List<T> items, Function<T, Long> id, Set<Long> ids) {
        return items.stream().filter(i -> ids.contains(id.apply(i))).collect(Collectors.toSet());
    }
}
