-- Study records (学习档案): written by the portal from what happened (a completion, a sign-in at a session or a
-- lecture), never typed in. One record per person and thing; a later event for the same thing updates it.
create table study_record (
    id           bigserial primary key,
    person_id    bigint        not null references person (id),
    kind         text          not null check (kind in ('CLASS_COMPLETED', 'SESSION', 'LECTURE')),
    source_kind  text          not null check (source_kind ~ '^[A-Z_]{1,20}$'),
    source_id    bigint        not null,
    -- The year the thing happened in, in Asia/Shanghai.
    year         int           not null check (year between 2000 and 2100),
    occurred_at  timestamptz   not null,
    title        text          not null check (length(title) between 1 and 300),
    context      text          not null default '' check (length(context) <= 300),
    hours        numeric(6, 1) not null check (hours >= 0),
    -- Only sign-ins carry an attendance status; a completion does not.
    status       text          check (status in ('PRESENT', 'LATE', 'LEAVE', 'ABSENT')),
    counts       boolean       not null,
    -- The person's unit when the record was made: the chain the record's log entries belong to.
    unit_id      bigint        not null references unit (id),
    version      int           not null default 1 check (version >= 1),
    updated_at   timestamptz   not null,
    unique (person_id, kind, source_kind, source_id),
    check ((kind = 'CLASS_COMPLETED') = (status is null)),
    -- What counts towards the hours: being at a session or a lecture (present or late), with its planned hours.
    -- A completion is listed with the hours on its certificate, but those are the hours of its sessions attended,
    -- already counted there: counting them again would count a class twice.
    check (counts = (kind <> 'CLASS_COMPLETED' and status is not null and status in ('PRESENT', 'LATE')))
);
create index study_record_person_year_idx on study_record (person_id, year);
create index study_record_unit_year_idx on study_record (unit_id, year);

-- The trace of a correction: what the record said before and after.
create table study_record_change (
    id             bigserial primary key,
    record_id      bigint        not null references study_record (id),
    before_status  text          check (before_status in ('PRESENT', 'LATE', 'LEAVE', 'ABSENT')),
    after_status   text          check (after_status in ('PRESENT', 'LATE', 'LEAVE', 'ABSENT')),
    before_hours   numeric(6, 1) not null,
    after_hours    numeric(6, 1) not null,
    changed_at     timestamptz   not null,
    changed_by     text          not null check (length(changed_by) between 1 and 100)
);
create index study_record_change_record_idx on study_record_change (record_id);

-- Append-only hash chain per (unit, year): hash = sha256(prev_hash || payload), hex; the first entry's prev_hash is
-- 64 zeros. The portal never updates or deletes a row here; a changed row shows as a break when the chain is verified.
create table study_record_log (
    id         bigserial primary key,
    unit_id    bigint      not null references unit (id),
    year       int         not null,
    seq        int         not null check (seq >= 1),
    record_id  bigint      not null references study_record (id),
    action     text        not null check (action in ('CREATE', 'UPDATE')),
    payload    text        not null,
    prev_hash  text        not null check (prev_hash ~ '^[0-9a-f]{64}$'),
    hash       text        not null check (hash ~ '^[0-9a-f]{64}$'),
    logged_at  timestamptz not null,
    unique (unit_id, year, seq)
);
create index study_record_log_record_idx on study_record_log (record_id, id);
