-- Sign-in (学习班签到) for any occasion: a class session today, a lecture later. An occasion is named by
-- (kind, id) and belongs to the feature that owns it; attendance keeps only who signed in, when and how.

create table sign_in (
    id             bigserial primary key,
    occasion_kind  varchar(20)  not null,
    occasion_id    bigint       not null,
    person_id      bigint       not null references person (id),
    status         varchar(10)  not null check (status in ('PRESENT', 'LATE', 'LEAVE', 'ABSENT')),
    method         varchar(10)  not null check (method in ('QR', 'CODE', 'KIOSK', 'MANUAL', 'LEAVE', 'SYSTEM')),
    signed_at      timestamptz  not null,
    device_id      varchar(64),
    remote_address varchar(64),
    user_agent     varchar(300),
    marked_by      varchar(50),
    reason         varchar(500),
    -- One record per person per occasion: double taps and repeated scans cannot make two.
    unique (occasion_kind, occasion_id, person_id),
    -- A hand-made mark always says why.
    check (method not in ('MANUAL') or (reason is not null and length(trim(reason)) > 0))
);
create index sign_in_occasion_idx on sign_in (occasion_kind, occasion_id, status);
create index sign_in_person_idx on sign_in (person_id, signed_at);
-- One phone signs in one person per occasion (against signing in for absent friends).
create unique index sign_in_device_uq on sign_in (occasion_kind, occasion_id, device_id)
    where device_id is not null and method in ('QR', 'CODE');

-- Refused tries, kept for the checkers' anomaly list.
create table sign_in_refusal (
    id             bigserial primary key,
    occasion_kind  varchar(20),
    occasion_id    bigint,
    person_id      bigint references person (id),
    reason         varchar(20) not null,
    device_id      varchar(64),
    remote_address varchar(64),
    at             timestamptz not null
);
create index sign_in_refusal_at_idx on sign_in_refusal (at desc);
create index sign_in_refusal_device_idx on sign_in_refusal (device_id, at desc);

-- The after-closing step (everyone expected without a record is absent) runs once per occasion:
-- the instance that inserts this row does it.
create table occasion_closed (
    occasion_kind varchar(20) not null,
    occasion_id   bigint      not null,
    closed_at     timestamptz not null,
    absent_count  int         not null default 0,
    primary key (occasion_kind, occasion_id)
);
