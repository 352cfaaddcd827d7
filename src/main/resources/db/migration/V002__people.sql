-- Units, reference data, people and their accounts.

create table unit (
    id         bigserial primary key,
    parent_id  bigint references unit (id),
    name       varchar(100) not null check (length(trim(name)) > 0),
    kind       varchar(20)  not null check (kind in ('PROVINCE', 'CITY', 'COUNTY', 'MEMBER')),
    -- Materialised path '/1/4/9/', kept by the trigger below: a subtree is one indexed prefix match.
    path       varchar(400) not null unique,
    sort_order int          not null default 0,
    check ((parent_id is null) = (kind = 'PROVINCE')),
    unique nulls not distinct (parent_id, name)
);
create index unit_path_prefix_idx on unit (path text_pattern_ops);

create function unit_set_path() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.parent_id is distinct from old.parent_id then
        raise exception 'a unit cannot move to another parent';
    end if;
    if new.parent_id is null then
        new.path := '/' || new.id || '/';
    else
        select p.path || new.id || '/' into new.path from unit p where p.id = new.parent_id;
    end if;
    return new;
end $$;
create trigger unit_path_trg before insert or update on unit for each row execute function unit_set_path();

create table sector (
    id         bigserial primary key,
    name       varchar(50) not null unique check (length(trim(name)) > 0),
    sort_order int         not null default 0,
    active     boolean     not null default true
);

create table party (
    id         bigserial primary key,
    name       varchar(50) not null unique check (length(trim(name)) > 0),
    short_name varchar(20) not null unique check (length(trim(short_name)) > 0),
    sort_order int         not null default 0,
    active     boolean     not null default true
);

create table person (
    id             bigserial primary key,
    name           varchar(50)  not null check (length(trim(name)) > 0),
    gender         varchar(1)   not null check (gender in ('M', 'F')),
    ethnicity      varchar(20),
    birth_date     date check (birth_date > date '1900-01-01'),
    -- GB 11643 citizen identity number; the checksum is checked by the application.
    id_card        varchar(18) check (id_card ~ '^[0-9]{17}[0-9X]$'),
    phone          varchar(20) check (phone ~ '^[0-9+-]{5,20}$'),
    email          varchar(100) check (email like '%_@_%'),
    unit_id        bigint       not null references unit (id),
    party_id       bigint references party (id),
    position       varchar(100),
    representative boolean      not null default false,
    status         varchar(10)  not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
    created_at     timestamptz  not null default now(),
    version        int          not null default 0
);
create unique index person_id_card_uq on person (id_card) where id_card is not null;
create index person_unit_idx on person (unit_id);
create index person_party_idx on person (party_id);
create index person_name_idx on person (name varchar_pattern_ops);

create table person_sector (
    person_id bigint not null references person (id) on delete cascade,
    sector_id bigint not null references sector (id),
    primary key (person_id, sector_id)
);
create index person_sector_sector_idx on person_sector (sector_id, person_id);

create table account (
    id                   bigserial primary key,
    username             varchar(50)  not null check (username ~ '^[A-Za-z0-9_.@-]{3,50}$'),
    password_hash        varchar(100) not null,
    display_name         varchar(50)  not null,
    person_id            bigint references person (id),
    unit_id              bigint       not null references unit (id),
    enabled              boolean      not null default true,
    failed_attempts      int          not null default 0 check (failed_attempts >= 0),
    last_failed_at       timestamptz,
    locked_until         timestamptz,
    created_at           timestamptz  not null default now(),
    version              int          not null default 0
);
create unique index account_username_uq on account (lower(username));
create unique index account_person_uq on account (person_id) where person_id is not null;

create table account_role (
    account_id bigint      not null references account (id) on delete cascade,
    role       varchar(20) not null check (role in ('ADMIN', 'ORGANIZER', 'CHECKER', 'LECTURER', 'TRAINEE')),
    primary key (account_id, role)
);
