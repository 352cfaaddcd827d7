-- Leave (请假): a trainee asks for leave from one occasion (a class session); the organizer approves or refuses.
-- An approved request becomes a LEAVE record in sign_in.
create table leave_request (
    id            bigserial primary key,
    person_id     bigint       not null references person (id),
    occasion_kind varchar(20)  not null,
    occasion_id   bigint       not null,
    reason        varchar(500) not null check (length(trim(reason)) > 0),
    status        varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'REFUSED')),
    requested_at  timestamptz  not null,
    decided_by    varchar(50),
    decided_at    timestamptz,
    check ((status = 'PENDING') = (decided_at is null))
);
-- One open or granted request per person and occasion; a refused one may be asked again.
create unique index leave_request_open_uq on leave_request (person_id, occasion_kind, occasion_id) where status <> 'REFUSED';
create index leave_request_pending_idx on leave_request (status, requested_at) where status = 'PENDING';
create index leave_request_person_idx on leave_request (person_id, requested_at desc);
