-- Shared kernel: cross-module events (Spring Modulith's registry) and the audit log.

create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

create table event_publication_archive (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);

-- Who looked at or changed what (PIPL): append-only.
create table audit_event (
    id             bigserial primary key,
    at             timestamptz not null default now(),
    actor          varchar(50) not null,
    action         varchar(40) not null,
    target_type    varchar(40),
    target_id      bigint,
    target_label   varchar(200),
    detail         varchar(2000),
    remote_address varchar(64)
);
create index audit_event_at_idx on audit_event (at desc);
create index audit_event_target_idx on audit_event (target_type, target_id, at desc);
create index audit_event_actor_idx on audit_event (actor, at desc);
