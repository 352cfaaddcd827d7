-- Coverage snapshots (docs/design-decisions/004-coverage-snapshots.md).
-- One pass over a plan's population is written down per unit and per unit × sector, plus the untrained people,
-- so that the coverage page reads a few hundred rows instead of evaluating 100,000 people on every visit.
-- A snapshot is exact: it records the PostgreSQL snapshot it was computed in, every statement that changes what
-- coverage is computed from leaves a change row with its transaction id, and a snapshot is stale as soon as a
-- committed change is not visible in it. Stale snapshots are recomputed before they are read.

create table coverage_change (
    id         bigserial primary key,
    plan_id    bigint,              -- null: every plan (people, units); no foreign key: a log, also of deleted plans
    xid        xid8        not null default pg_current_xact_id(),
    created_at timestamptz not null default now()
);
-- one row per transaction and plan is enough
create unique index coverage_change_xid_plan_uq on coverage_change (xid, plan_id) nulls not distinct;
create index coverage_change_plan_idx on coverage_change (plan_id);

create table coverage_state (
    plan_id     bigint primary key references rotation_plan (id) on delete cascade,
    snapshot    pg_snapshot not null,
    computed_at timestamptz not null,
    computed_on date        not null, -- "trained in the last 12 months" moves with the day
    population  integer     not null check (population >= 0),
    took_ms     integer     not null check (took_ms >= 0)
);

-- Derived rows, rewritten whole by each recomputation: no foreign keys (checking them row by row made a
-- recomputation over 30,000 untrained people take 4 s instead of 1); they go with their coverage_state row, and
-- readers join them to live units and people. Per unit (sector_id null: each person once) and per unit × sector
-- (a person in two sectors counts in both):
create table coverage_figure (
    plan_id    bigint  not null,
    unit_id    bigint  not null,
    sector_id  bigint,
    population integer not null check (population > 0),
    trained    integer not null check (trained >= 0),
    enrolled   integer not null check (enrolled >= 0),
    recent     integer not null check (recent >= 0),
    check (trained + enrolled <= population and recent <= trained)
);
create unique index coverage_figure_uq on coverage_figure (plan_id, unit_id, sector_id) nulls not distinct;

-- the untrained people of the population, in the order the at-risk list shows them (untouched first)
create table coverage_untrained (
    plan_id   bigint       not null,
    person_id bigint       not null,
    unit_id   bigint       not null,
    path      varchar(400) collate "C" not null,
    name      varchar(100) not null,
    enrolled  boolean      not null,
    primary key (plan_id, person_id)
);
create index coverage_untrained_order_idx on coverage_untrained (plan_id, enrolled, path, name, person_id);

create function coverage_forget_plan() returns trigger language plpgsql as $$
begin
    delete from coverage_figure where plan_id = old.plan_id;
    delete from coverage_untrained where plan_id = old.plan_id;
    return null;
end $$;

-- a deleted plan takes its state with it (cascade), and the state its rows
create trigger coverage_state_forget after delete on coverage_state for each row execute function coverage_forget_plan();

-- ---------------------------------------------------------------- change capture

create function coverage_touch(plans bigint[]) returns void language sql as $$
    insert into coverage_change (plan_id) select distinct unnest(plans) on conflict do nothing;
$$;

-- people, sectors, units: who is in a population, their unit and name — every plan
create function coverage_touch_all() returns trigger language plpgsql as $$
begin
    insert into coverage_change (plan_id) values (null) on conflict do nothing;
    return null;
end $$;

create trigger person_coverage after insert or update or delete or truncate on person
    for each statement execute function coverage_touch_all();
create trigger person_sector_coverage after insert or update or delete or truncate on person_sector
    for each statement execute function coverage_touch_all();
create trigger unit_coverage after insert or update or delete or truncate on unit
    for each statement execute function coverage_touch_all();

-- tables with a plan_id column (criteria, class ↔ plan links): the plans named in the changed rows
create function coverage_touch_by_plan_id() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        perform coverage_touch(array(select plan_id from new_rows));
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform coverage_touch(array(select plan_id from old_rows));
    end if;
    return null;
end $$;

-- enrollments: the plans their classes count toward
create function coverage_touch_by_class_id() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        perform coverage_touch(array(select cp.plan_id from new_rows n join rotation_class_plan cp on cp.class_id = n.class_id));
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform coverage_touch(array(select cp.plan_id from old_rows o join rotation_class_plan cp on cp.class_id = o.class_id));
    end if;
    return null;
end $$;

-- classes (dates, status): the plans they count toward
create function coverage_touch_by_class() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform coverage_touch(array(select cp.plan_id from old_rows o join rotation_class_plan cp on cp.class_id = o.id));
    end if;
    return null;
end $$;

-- plans (cycle, requirement, flag)
create function coverage_touch_plan() returns trigger language plpgsql as $$
begin
    perform coverage_touch(array(select id from new_rows));
    return null;
end $$;

do $$
declare
    t text;
begin
    foreach t in array array['rotation_plan_sector', 'rotation_plan_party', 'rotation_plan_unit', 'rotation_plan_person',
                             'rotation_class_plan'] loop
        execute format('create trigger %s_coverage_ins after insert on %s referencing new table as new_rows
                        for each statement execute function coverage_touch_by_plan_id()', t, t);
        execute format('create trigger %s_coverage_upd after update on %s referencing old table as old_rows new table as new_rows
                        for each statement execute function coverage_touch_by_plan_id()', t, t);
        execute format('create trigger %s_coverage_del after delete on %s referencing old table as old_rows
                        for each statement execute function coverage_touch_by_plan_id()', t, t);
    end loop;
end $$;

create trigger rotation_enrollment_coverage_ins after insert on rotation_enrollment referencing new table as new_rows
    for each statement execute function coverage_touch_by_class_id();
create trigger rotation_enrollment_coverage_upd after update on rotation_enrollment
    referencing old table as old_rows new table as new_rows
    for each statement execute function coverage_touch_by_class_id();
create trigger rotation_enrollment_coverage_del after delete on rotation_enrollment referencing old table as old_rows
    for each statement execute function coverage_touch_by_class_id();

-- a new class counts toward no plan until it is linked (rotation_class_plan); a deleted one was unlinked first
create trigger rotation_class_coverage_upd after update on rotation_class
    referencing old table as old_rows new table as new_rows
    for each statement execute function coverage_touch_by_class();

create trigger rotation_plan_coverage_upd after update on rotation_plan referencing new table as new_rows
    for each statement execute function coverage_touch_plan();
