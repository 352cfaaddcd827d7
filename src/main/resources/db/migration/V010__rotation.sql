-- Rotational training (轮训): plans, classes (intakes), sessions, enrollments, seat quotas and nominations.
create extension if not exists btree_gist;

create table rotation_plan (
    id                  bigserial primary key,
    name                varchar(200) not null check (length(trim(name)) > 0),
    -- The unit that owns the plan: its organizers edit it, checkers of it and above read it.
    unit_id             bigint       not null references unit (id),
    cycle_start         date         not null,
    cycle_end           date         not null,
    -- The requirement each person must meet in the cycle: one completed counting class of at least
    -- min_days days (CLASS), or at least min_hours study hours from completed counting classes (HOURS).
    requirement         varchar(10)  not null check (requirement in ('CLASS', 'HOURS')),
    min_days            int          not null default 1 check (min_days between 1 and 365),
    min_hours           numeric(6, 1) not null default 0 check (min_hours >= 0),
    -- Population: AND across the dimensions that are set, OR inside one; named people are added on top.
    representative_only boolean      not null default false,
    created_at          timestamptz  not null default now(),
    version             int          not null default 0,
    check (cycle_end > cycle_start)
);
create index rotation_plan_unit_idx on rotation_plan (unit_id);

create table rotation_plan_sector (
    plan_id   bigint not null references rotation_plan (id) on delete cascade,
    sector_id bigint not null references sector (id),
    primary key (plan_id, sector_id)
);
create table rotation_plan_party (
    plan_id  bigint not null references rotation_plan (id) on delete cascade,
    party_id bigint not null references party (id),
    primary key (plan_id, party_id)
);
-- A unit here means the unit and its whole subtree.
create table rotation_plan_unit (
    plan_id bigint not null references rotation_plan (id) on delete cascade,
    unit_id bigint not null references unit (id),
    primary key (plan_id, unit_id)
);
create table rotation_plan_person (
    plan_id   bigint not null references rotation_plan (id) on delete cascade,
    person_id bigint not null references person (id) on delete cascade,
    primary key (plan_id, person_id)
);

create table rotation_class (
    id                   bigserial primary key,
    title                varchar(200) not null check (length(trim(title)) > 0),
    unit_id              bigint       not null references unit (id),
    venue                varchar(200),
    start_date           date         not null,
    end_date             date         not null,
    capacity             int          not null check (capacity between 1 and 10000),
    -- Seats taken (invited, confirmed, completed, not completed): updated atomically with every enrollment,
    -- so the capacity holds under concurrent enrollment.
    enrolled             int          not null default 0,
    status               varchar(12)  not null default 'DRAFT'
                         check (status in ('DRAFT', 'PUBLISHED', 'IN_PROGRESS', 'CLOSED')),
    -- Completion rule: attendance share of the sessions, leave limit (share of the class hours), minimum hours.
    min_attendance_pct   int          not null default 90 check (min_attendance_pct between 0 and 100),
    max_leave_share      numeric(5, 4) not null default 0.1429 check (max_leave_share between 0 and 1),
    min_hours            numeric(6, 1) not null default 0 check (min_hours >= 0),
    cloned_from          bigint references rotation_class (id) on delete set null,
    created_at           timestamptz  not null default now(),
    version              int          not null default 0,
    check (end_date >= start_date),
    check (enrolled >= 0 and enrolled <= capacity)
);
create index rotation_class_unit_idx on rotation_class (unit_id);
create index rotation_class_dates_idx on rotation_class (start_date, end_date);

create table rotation_class_plan (
    class_id bigint not null references rotation_class (id) on delete cascade,
    plan_id  bigint not null references rotation_plan (id) on delete cascade,
    primary key (class_id, plan_id)
);
create index rotation_class_plan_plan_idx on rotation_class_plan (plan_id, class_id);

create table rotation_session (
    id                    bigserial primary key,
    class_id              bigint       not null references rotation_class (id) on delete cascade,
    title                 varchar(200) not null check (length(trim(title)) > 0),
    kind                  varchar(12)  not null check (kind in ('LECTURE', 'DISCUSSION', 'VISIT', 'EXAM')),
    speaker               varchar(100),
    starts_at             timestamptz  not null,
    ends_at               timestamptz  not null,
    place                 varchar(200),
    hours                 numeric(4, 1) not null default 0 check (hours >= 0 and hours <= 24),
    -- Sign-in window: opens N minutes before the start, late after M minutes, closes K minutes after the start.
    signin_opens_before   int          not null default 30 check (signin_opens_before between 0 and 720),
    signin_late_after     int          not null default 10 check (signin_late_after between 0 and 720),
    signin_closes_after   int          not null default 60 check (signin_closes_after between 0 and 1440),
    version               int          not null default 0,
    check (ends_at > starts_at),
    check (signin_late_after <= signin_closes_after),
    -- Sessions of one class never overlap.
    exclude using gist (class_id with =, tstzrange(starts_at, ends_at) with &&)
);
create index rotation_session_class_idx on rotation_session (class_id, starts_at);

create table rotation_enrollment (
    id           bigserial primary key,
    class_id     bigint       not null references rotation_class (id) on delete cascade,
    person_id    bigint       not null references person (id),
    status       varchar(14)  not null check (status in ('INVITED', 'CONFIRMED', 'DECLINED', 'WITHDRAWN', 'WAITLISTED',
                                                          'COMPLETED', 'NOT_COMPLETED')),
    source       varchar(12)  not null default 'ORGANIZER' check (source in ('ORGANIZER', 'NOMINATION', 'PLANNER', 'WAITLIST')),
    hours        numeric(6, 1) check (hours >= 0),
    completed_at timestamptz,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    unique (class_id, person_id),
    check ((status = 'COMPLETED') = (completed_at is not null))
);
create index rotation_enrollment_person_idx on rotation_enrollment (person_id, status);
create index rotation_enrollment_class_status_idx on rotation_enrollment (class_id, status);
create index rotation_enrollment_waitlist_idx on rotation_enrollment (class_id, created_at, id) where status = 'WAITLISTED';

-- Seat quotas per unit: the unit's organizers nominate people of their subtree, the class owner decides.
create table rotation_quota (
    class_id bigint not null references rotation_class (id) on delete cascade,
    unit_id  bigint not null references unit (id),
    seats    int    not null check (seats between 0 and 10000),
    primary key (class_id, unit_id)
);

create table rotation_nomination (
    id           bigserial primary key,
    class_id     bigint       not null references rotation_class (id) on delete cascade,
    unit_id      bigint       not null references unit (id),
    person_id    bigint       not null references person (id),
    status       varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'RETURNED')),
    reason       varchar(500),
    nominated_by varchar(50)  not null,
    created_at   timestamptz  not null default now(),
    decided_at   timestamptz,
    foreign key (class_id, unit_id) references rotation_quota (class_id, unit_id) on delete cascade
);
-- A person is nominated to a class once at a time (a returned nomination may be made again).
create unique index rotation_nomination_open_uq on rotation_nomination (class_id, person_id) where status <> 'RETURNED';
create index rotation_nomination_class_idx on rotation_nomination (class_id, unit_id, status);
