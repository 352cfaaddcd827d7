-- A valid identity number decides a person's gender and birth date: the roster import takes them from it
-- (with a warning when the row says otherwise), the person form refuses a contradiction. The database holds
-- the rule too. NOT VALID: records made before are checked when they are next changed, so that this
-- migration cannot fail on old data; new and changed records are always checked.
alter table person add constraint person_gender_from_id_card
    check (id_card is null or gender = case when substr(id_card, 17, 1)::int % 2 = 1 then 'M' else 'F' end) not valid;
alter table person add constraint person_birth_date_from_id_card
    check (id_card is null or birth_date is null or to_char(birth_date, 'YYYYMMDD') = substr(id_card, 7, 8)) not valid;
