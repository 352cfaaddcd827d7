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

-- Completions recorded before certificates existed get theirs now, in the order they were completed.
insert into certificate (number, enrollment_id, person_id, class_id, hours, issued_at)
select 'TX-' || extract(year from e.completed_at at time zone 'Asia/Shanghai')::int || '-'
           || lpad(nextval('certificate_number_seq')::text, 6, '0'),
       e.id, e.person_id, e.class_id, coalesce(e.hours, 0), e.completed_at
from (select * from rotation_enrollment where status = 'COMPLETED' order by completed_at, id) e;
