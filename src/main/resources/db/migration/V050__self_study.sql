-- Self-study (自学): what a trainee studied on their own, with evidence, waiting for a checker's decision. The rules
-- the service keeps are held here too, so that a script or a later feature cannot store what the portal would refuse.

create table self_study (
    id         bigserial primary key,
    person_id  bigint       not null references person (id),
    -- The person's unit when the entry was made: the checkers of that unit's subtree decide on it, even if the
    -- person moves later.
    unit_id    bigint       not null references unit (id),
    title      varchar(200) not null check (length(title) > 0 and title = trim(title)),
    studied_on date         not null,
    kind       varchar(20)  not null check (kind in ('READING', 'ONLINE_COURSE', 'STUDY_GROUP', 'OTHER')),
    hours      numeric(4, 1) not null check (hours > 0 and hours <= 24),
    note       varchar(1000) check (note is null or (length(note) > 0 and note = trim(note))),
    status     varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'RETURNED', 'VERIFIED')),
    version    int          not null default 0,
    created_at timestamptz  not null,
    updated_at timestamptz  not null,
    -- Nobody studies before they enter it.
    check (studied_on <= created_at::date + 1),
    check (updated_at >= created_at)
);
create index self_study_person_idx on self_study (person_id, studied_on);
-- The checker's queue: pending entries of a subtree and year.
create index self_study_pending_idx on self_study (unit_id, studied_on) where status = 'PENDING';

create table self_study_evidence (
    id           bigserial primary key,
    entry_id     bigint       not null references self_study (id) on delete cascade,
    file_name    varchar(200) not null check (length(trim(file_name)) > 0),
    content_type varchar(20)  not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes   int          not null check (size_bytes between 1 and 10485760),
    sha256       char(64)     not null check (sha256 ~ '^[0-9a-f]{64}$'),
    content      bytea        not null,
    uploaded_at  timestamptz  not null,
    check (octet_length(content) = size_bytes)
);
create index self_study_evidence_entry_idx on self_study_evidence (entry_id);

-- Every step of an entry, with who and when; rows are only ever added.
create table self_study_decision (
    id         bigserial primary key,
    entry_id   bigint        not null references self_study (id) on delete cascade,
    action     varchar(12)   not null check (action in ('SUBMITTED', 'RESUBMITTED', 'VERIFIED', 'RETURNED')),
    reason     varchar(1000) check (reason is null or (length(reason) > 0 and reason = trim(reason))),
    decided_by varchar(50)   not null,
    decided_at timestamptz   not null,
    -- A return says why; the other steps carry no reason.
    check ((action = 'RETURNED') = (reason is not null))
);
create index self_study_decision_entry_idx on self_study_decision (entry_id, id);
