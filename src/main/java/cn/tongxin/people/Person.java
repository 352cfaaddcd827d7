package cn.tongxin.people;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

@Entity
@Table(name = "person")
class Person {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    @Enumerated(EnumType.STRING)
    private Gender gender;
    private String ethnicity;
    @Column(name = "birth_date")
    private LocalDate birthDate;
    @Column(name = "id_card")
    private String idCard;
    private String phone;
    private String email;
    @Column(name = "unit_id")
    private Long unitId;
    @Column(name = "party_id")
    private Long partyId;
    private String position;
    private boolean representative;
    @Enumerated(EnumType.STRING)
    private PersonStatus status;
    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;
    @Version
    private int version;
    @ElementCollection
    @CollectionTable(name = "person_sector", joinColumns = @JoinColumn(name = "person_id"))
    @Column(name = "sector_id")
    private Set<Long> sectorIds = new HashSet<>();

    protected Person() {
    }

    /** Takes data already checked by {@link PersonRules}. */
    Person(PersonData data) {
        apply(data);
    }

    void apply(PersonData d) {
        this.name = d.name();
        this.gender = d.gender();
        this.ethnicity = d.ethnicity();
        this.birthDate = d.birthDate() != null || d.idCard() == null ? d.birthDate() : IdCard.birthDate(d.idCard()).orElse(null);
        this.idCard = d.idCard();
        this.phone = d.phone();
        this.email = d.email();
        this.unitId = d.unitId();
        this.partyId = d.partyId();
        this.position = d.position();
        this.representative = d.representative();
        this.status = d.status();
        this.sectorIds.clear();
        this.sectorIds.addAll(d.sectorIds());
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getIdCard() {
        return idCard;
    }

    String getEmail() {
        return email;
    }

    String getPhone() {
        return phone;
    }

    Long getUnitId() {
        return unitId;
    }

    int getVersion() {
        return version;
    }

    PersonData toData() {
        return new PersonData(name, gender, ethnicity, birthDate, idCard, phone, email, unitId, partyId,
                Set.copyOf(sectorIds), position, representative, status);
    }
}
