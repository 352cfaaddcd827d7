-- Verified self-study becomes a study record (kind SELF_STUDY, source SELF_STUDY:<self_study.id>, no attendance
-- status), and the study-hour rules an administrator sets (design note 022).
-- The three checks of V049 that name the kinds (unnamed there, so found by what they say).
do $$
declare c record;
begin
    for c in select conname from pg_constraint
             where conrelid = 'study_record'::regclass and contype = 'c'
               and pg_get_constraintdef(oid) like '%CLASS_COMPLETED%'
    loop
        execute format('alter table study_record drop constraint %I', c.conname);
    end loop;
end $$;
alter table study_record add constraint study_record_kinds
    check (kind in ('CLASS_COMPLETED', 'SESSION', 'LECTURE', 'SELF_STUDY'));
alter table study_record add constraint study_record_status_of_kind
    check ((kind in ('CLASS_COMPLETED', 'SELF_STUDY')) = (status is null));
-- A self-study record exists only once a checker verified the entry, so it counts; the caps of study_hour_rule are
-- applied when the year is summed (they may change, the record does not).
alter table study_record add constraint study_record_counts_rule
    check (counts = (kind = 'SELF_STUDY' or (kind <> 'CLASS_COMPLETED' and status is not null and status in ('PRESENT', 'LATE'))));
alter table study_record add constraint study_record_self_study_source
    check ((kind = 'SELF_STUDY') = (source_kind = 'SELF_STUDY'));

-- One row: the caps of self-study and the default yearly target.
create table study_hour_rule (
    id                  int           primary key default 1 check (id = 1),
    self_study_entry_cap numeric(4, 1) not null check (self_study_entry_cap > 0 and self_study_entry_cap <= 24),
    self_study_year_cap numeric(6, 1) not null check (self_study_year_cap >= 0 and self_study_year_cap <= 2000),
    default_target      numeric(6, 1) not null check (default_target >= 0 and default_target <= 2000),
    version             int           not null default 0,
    updated_at          timestamptz   not null,
    updated_by          text          not null check (length(updated_by) between 1 and 100)
);
insert into study_hour_rule (self_study_entry_cap, self_study_year_cap, default_target, updated_at, updated_by)
values (4, 20, 50, now(), 'system');

-- Optional per-sector targets; a person of several sectors has the highest of theirs.
create table study_hour_target (
    sector_id  bigint        primary key references sector (id) on delete cascade,
    target     numeric(6, 1) not null check (target >= 0 and target <= 2000)
);
