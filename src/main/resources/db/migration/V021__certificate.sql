-- Completion certificates (结业证书): one per completed enrollment, with a unique number from a sequence.
create sequence certificate_number_seq;

create table certificate (
    id            bigserial primary key,
    -- e.g. TX-2026-000123: the year of completion and the sequence number.
    number        varchar(20)   not null unique check (number ~ '^TX-[0-9]{4}-[0-9]{6,}$'),
    enrollment_id bigint        not null unique references rotation_enrollment (id) on delete cascade,
    person_id     bigint        not null references person (id),
    class_id      bigint        not null references rotation_class (id) on delete cascade,
    hours         numeric(6, 1) not null check (hours >= 0),
    issued_at     timestamptz   not null
);
create index certificate_person_idx on certificate (person_id);
create index certificate_class_idx on certificate (class_id);
