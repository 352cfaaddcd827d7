-- Lecture schedules for non-Party figures (党外人士宣讲): lecturers, lecture groups, topics and their materials,
-- venues, ordered lectures (点单式宣讲), the schedule with its audience and invitees, reports, feedback, and the
-- secret calendar feeds. A lecture is a sign-in occasion of kind LECTURE (attendance keeps the sign-ins).

-- A lecturer (宣讲员) is a person of the register; the account of that person carries the LECTURER role.
create table lecturer (
    person_id  bigint       primary key references person (id),
    fields     varchar(200),
    profile    varchar(2000),
    active     boolean      not null default true,
    created_at timestamptz  not null default now(),
    version    int          not null default 0
);

create table lecture_group (
    id         bigserial primary key,
    name       varchar(200) not null check (length(trim(name)) > 0),
    unit_id    bigint       not null references unit (id),
    leader_id  bigint       references lecturer (person_id),
    created_at timestamptz  not null default now(),
    version    int          not null default 0,
    unique (unit_id, name)
);
create index lecture_group_unit_idx on lecture_group (unit_id);

create table lecture_group_member (
    group_id  bigint not null references lecture_group (id) on delete cascade,
    person_id bigint not null references lecturer (person_id),
    primary key (group_id, person_id)
);
create index lecture_group_member_person_idx on lecture_group_member (person_id);

create table lecture_topic (
    id           bigserial primary key,
    title        varchar(200)  not null check (length(trim(title)) > 0),
    summary      varchar(4000),
    unit_id      bigint        not null references unit (id),
    -- The period in which the topic is current (its campaign).
    current_from date          not null,
    current_to   date          not null,
    -- Published: its lecture menu (宣讲菜单) is open to the units in scope for ordering.
    menu_open    boolean       not null default false,
    -- Study hours a lecture on this topic is worth by default.
    hours        numeric(4, 1) not null default 2 check (hours >= 0 and hours <= 24),
    created_at   timestamptz   not null default now(),
    version      int           not null default 0,
    check (current_to >= current_from)
);
create index lecture_topic_unit_idx on lecture_topic (unit_id);

-- Materials lecturers download; kept in the database so that every instance serves them.
create table lecture_material (
    id           bigserial primary key,
    topic_id     bigint       not null references lecture_topic (id) on delete cascade,
    file_name    varchar(200) not null check (length(trim(file_name)) > 0),
    content_type varchar(100) not null,
    size_bytes   int          not null check (size_bytes > 0 and size_bytes <= 20971520),
    sha256       char(64)     not null,
    content      bytea        not null,
    uploaded_by  varchar(50)  not null,
    uploaded_at  timestamptz  not null default now()
);
create index lecture_material_topic_idx on lecture_material (topic_id);

create table lecture_venue (
    id         bigserial primary key,
    name       varchar(200) not null check (length(trim(name)) > 0),
    address    varchar(300),
    capacity   int          not null check (capacity between 1 and 100000),
    unit_id    bigint       not null references unit (id),
    active     boolean      not null default true,
    version    int          not null default 0,
    unique (unit_id, name)
);
create index lecture_venue_unit_idx on lecture_venue (unit_id);

-- An order (点单) from a unit for a lecture on a topic; the lecture group's organizer decides.
create table lecture_order (
    id               bigserial primary key,
    topic_id         bigint        not null references lecture_topic (id),
    -- The ordering unit and the lecture group asked to give it.
    unit_id          bigint        not null references unit (id),
    group_id         bigint        not null references lecture_group (id),
    preferred_from   date          not null,
    preferred_to     date          not null,
    audience         varchar(500)  not null check (length(trim(audience)) > 0),
    expected_count   int           not null check (expected_count between 1 and 100000),
    venue_id         bigint        references lecture_venue (id),
    note             varchar(1000),
    status           varchar(10)   not null default 'PENDING'
                     check (status in ('PENDING', 'PROPOSED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
    -- A proposed other time (PROPOSED), or the reason of a decline (DECLINED).
    proposed_start   timestamptz,
    proposed_end     timestamptz,
    decision_reason  varchar(1000),
    ordered_by       varchar(50)   not null,
    ordered_at       timestamptz   not null,
    decided_by       varchar(50),
    decided_at       timestamptz,
    version          int           not null default 0,
    check (preferred_to >= preferred_from),
    check (status <> 'DECLINED' or (decision_reason is not null and length(trim(decision_reason)) > 0)),
    check (status <> 'PROPOSED' or (proposed_start is not null and proposed_end > proposed_start))
);
create index lecture_order_unit_idx on lecture_order (unit_id, ordered_at desc);
create index lecture_order_group_idx on lecture_order (group_id, status);

create table lecture (
    id                  bigserial primary key,
    topic_id            bigint        not null references lecture_topic (id),
    -- The title shown; defaults to the topic's.
    title               varchar(200)  not null check (length(trim(title)) > 0),
    unit_id             bigint        not null references unit (id),
    group_id            bigint        references lecture_group (id),
    venue_id            bigint        references lecture_venue (id),
    -- Where, in words, when there is no venue of the register (or a room inside it).
    place               varchar(200),
    starts_at           timestamptz   not null,
    ends_at             timestamptz   not null,
    during              tstzrange     generated always as (tstzrange(starts_at, ends_at)) stored,
    expected_count      int           not null default 0 check (expected_count between 0 and 100000),
    hours               numeric(4, 1) not null default 2 check (hours >= 0 and hours <= 24),
    status              varchar(10)   not null default 'PLANNED'
                        check (status in ('PLANNED', 'PUBLISHED', 'HELD', 'CANCELLED')),
    cancel_reason       varchar(1000),
    order_id            bigint        unique references lecture_order (id),
    -- Sign-in window, as for a class session (minutes before the start, after the start).
    signin_opens_before int           not null default 30 check (signin_opens_before between 0 and 720),
    signin_late_after   int           not null default 10 check (signin_late_after between 0 and 720),
    signin_closes_after int           not null default 60 check (signin_closes_after between 0 and 1440),
    -- Population of the audience: AND across the dimensions that are set, OR inside one; named people on top.
    representative_only boolean       not null default false,
    -- The calendar SEQUENCE of the invitations: raised by each change of time or place after publishing.
    ics_sequence        int           not null default 0,
    created_by          varchar(50)   not null,
    created_at          timestamptz   not null default now(),
    published_at        timestamptz,
    held_at             timestamptz,
    version             int           not null default 0,
    check (ends_at > starts_at),
    check (ends_at - starts_at <= interval '1 day'),
    check (signin_late_after <= signin_closes_after),
    check (status <> 'CANCELLED' or (cancel_reason is not null and length(trim(cancel_reason)) > 0)),
    -- A venue never holds two lectures at once.
    constraint lecture_venue_clash exclude using gist (venue_id with =, during with &&)
        where (venue_id is not null and status <> 'CANCELLED')
);
create index lecture_starts_idx on lecture (starts_at);
create index lecture_unit_starts_idx on lecture (unit_id, starts_at);
create index lecture_topic_starts_idx on lecture (topic_id, starts_at);
create index lecture_group_idx on lecture (group_id) where group_id is not null;

-- The lecturers of a lecture. during and cancelled copy the lecture's (a trigger keeps them so) so that the
-- database itself refuses a lecturer in two places at once, even for two organizers saving at the same moment.
create table lecture_lecturer (
    lecture_id bigint    not null references lecture (id) on delete cascade,
    person_id  bigint    not null references lecturer (person_id),
    during     tstzrange not null,
    cancelled  boolean   not null default false,
    primary key (lecture_id, person_id),
    constraint lecture_lecturer_clash exclude using gist (person_id with =, during with &&) where (not cancelled)
);
create index lecture_lecturer_person_idx on lecture_lecturer (person_id);

create function lecture_lecturer_copy() returns trigger language plpgsql as $$
begin
    select l.during, l.status = 'CANCELLED' into new.during, new.cancelled from lecture l where l.id = new.lecture_id;
    return new;
end $$;
create trigger lecture_lecturer_copy before insert or update on lecture_lecturer
    for each row execute function lecture_lecturer_copy();

create function lecture_lecturer_follow() returns trigger language plpgsql as $$
begin
    update lecture_lecturer set during = new.during, cancelled = (new.status = 'CANCELLED') where lecture_id = new.id;
    return new;
end $$;
create trigger lecture_lecturer_follow after update of starts_at, ends_at, status on lecture
    for each row execute function lecture_lecturer_follow();

create table lecture_audience_sector (
    lecture_id bigint not null references lecture (id) on delete cascade,
    sector_id  bigint not null references sector (id),
    primary key (lecture_id, sector_id)
);
create table lecture_audience_party (
    lecture_id bigint not null references lecture (id) on delete cascade,
    party_id   bigint not null references party (id),
    primary key (lecture_id, party_id)
);
-- A unit here means the unit and its whole subtree.
create table lecture_audience_unit (
    lecture_id bigint not null references lecture (id) on delete cascade,
    unit_id    bigint not null references unit (id),
    primary key (lecture_id, unit_id)
);
create table lecture_audience_person (
    lecture_id bigint not null references lecture (id) on delete cascade,
    person_id  bigint not null references person (id),
    primary key (lecture_id, person_id)
);

-- Who is invited, fixed when the lecture is published (and brought up to date when its audience changes):
-- the people expected at the sign-in, with their answer to the invitation.
create table lecture_invitee (
    lecture_id   bigint      not null references lecture (id) on delete cascade,
    person_id    bigint      not null references person (id),
    response     varchar(10) not null default 'INVITED' check (response in ('INVITED', 'CONFIRMED', 'DECLINED')),
    invited_at   timestamptz not null,
    responded_at timestamptz,
    primary key (lecture_id, person_id)
);
create index lecture_invitee_person_idx on lecture_invitee (person_id, lecture_id);

-- The lecturer's report (宣讲报告), reviewed by an organizer.
create table lecture_report (
    lecture_id       bigint       primary key references lecture (id) on delete cascade,
    actual_count     int          not null check (actual_count between 0 and 100000),
    summary          varchar(8000) not null check (length(trim(summary)) > 0),
    status           varchar(10)  not null default 'SUBMITTED' check (status in ('SUBMITTED', 'ACCEPTED', 'RETURNED')),
    review_note      varchar(1000),
    filed_by         varchar(50)  not null,
    filed_at         timestamptz  not null,
    reviewed_by      varchar(50),
    reviewed_at      timestamptz,
    version          int          not null default 0,
    check (status <> 'RETURNED' or (review_note is not null and length(trim(review_note)) > 0))
);

create table lecture_report_photo (
    id           bigserial primary key,
    lecture_id   bigint       not null references lecture_report (lecture_id) on delete cascade,
    file_name    varchar(200) not null,
    content_type varchar(50)  not null check (content_type in ('image/jpeg', 'image/png')),
    content      bytea        not null check (octet_length(content) <= 10485760),
    thumbnail    bytea        not null,
    uploaded_at  timestamptz  not null
);
create index lecture_report_photo_idx on lecture_report_photo (lecture_id);

-- Feedback: the questions asked after every lecture (reference data), and the answers.
create table feedback_question (
    id       bigserial primary key,
    position int          not null unique,
    text_zh  varchar(200) not null,
    text_en  varchar(200) not null,
    active   boolean      not null default true
);
insert into feedback_question (position, text_zh, text_en) values
    (1, '内容契合度：宣讲内容与主题、与您的工作贴近', 'Relevance: the content fits the topic and your work'),
    (2, '讲解清晰度：讲得清楚、听得明白', 'Clarity: clearly explained and easy to follow'),
    (3, '收获程度：对您理解会议精神有帮助', 'Benefit: it helped you understand the meeting''s spirit'),
    (4, '组织安排：时间、地点、会场服务', 'Organisation: time, place and arrangements');

-- One row per answer. An anonymous answer has no person_id: nothing links it to its author. Only the fact that
-- a person has answered is kept, in lecture_feedback_given, so that nobody answers twice.
create table lecture_feedback (
    -- Random, not a sequence: the order of the ids cannot be matched with the order in which people answered.
    id          uuid         primary key default gen_random_uuid(),
    lecture_id  bigint       not null references lecture (id) on delete cascade,
    person_id   bigint       references person (id),
    comment     varchar(2000),
    -- Only the day, so that the time cannot be joined to the moment of lecture_feedback_given.
    given_on    date         not null
);
create index lecture_feedback_lecture_idx on lecture_feedback (lecture_id);
create unique index lecture_feedback_named_uq on lecture_feedback (lecture_id, person_id) where person_id is not null;

create table lecture_feedback_rating (
    feedback_id uuid     not null references lecture_feedback (id) on delete cascade,
    question_id bigint   not null references feedback_question (id),
    rating      smallint not null check (rating between 1 and 5),
    primary key (feedback_id, question_id)
);

create table lecture_feedback_given (
    lecture_id bigint not null references lecture (id) on delete cascade,
    person_id  bigint not null references person (id),
    primary key (lecture_id, person_id)
);

-- Secret calendar feeds: a person's (classes, sessions, lectures) and a unit's (its lectures). Only a hash of the
-- token is stored; revoking sets revoked_at and the URL answers 404.
create table calendar_feed (
    id         bigserial primary key,
    person_id  bigint      references person (id),
    unit_id    bigint      references unit (id),
    token_hash char(64)    not null unique,
    created_by varchar(50) not null,
    created_at timestamptz not null,
    revoked_at timestamptz,
    check ((person_id is null) <> (unit_id is null))
);
create unique index calendar_feed_person_live_uq on calendar_feed (person_id) where person_id is not null and revoked_at is null;
create unique index calendar_feed_unit_live_uq on calendar_feed (unit_id) where unit_id is not null and revoked_at is null;
