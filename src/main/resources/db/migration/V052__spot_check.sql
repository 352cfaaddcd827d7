-- Spot checks (抽查): a checker draws a random sample of a unit subtree's study records of a year and looks at each
-- record's evidence. The draw is reproducible: the seed is stored, and the sample is the first sample_size records of
-- the population (records of the subtree and year with id <= max_record_id) ordered by md5(seed || ':' || id).
create table spot_check (
    id            bigserial primary key,
    unit_id       bigint      not null references unit (id),
    year          int         not null check (year between 2000 and 2100),
    sample_size   int         not null check (sample_size between 1 and 500),
    seed          bigint      not null,
    -- The population as it was at the draw: a record written later does not change a redraw.
    max_record_id bigint      not null default 0,
    population    int         not null check (population >= 0),
    drawn_by      varchar(50) not null check (length(drawn_by) > 0),
    drawn_at      timestamptz not null,
    status        varchar(4)  not null default 'OPEN' check (status in ('OPEN', 'DONE'))
);
create index spot_check_unit_year_idx on spot_check (unit_id, year);

-- A verdict is final once given (who and when on the row); a questioned item is answered once by an organizer.
create table spot_check_item (
    id              bigserial primary key,
    spot_check_id   bigint        not null references spot_check (id),
    record_id       bigint        not null references study_record (id),
    position        int           not null check (position >= 1),
    verdict         varchar(10)   check (verdict in ('CONFIRMED', 'QUESTIONED')),
    note            varchar(1000) check (note is null or (length(note) > 0 and note = trim(note))),
    decided_by      varchar(50),
    decided_at      timestamptz,
    resolved_by     varchar(50),
    resolved_at     timestamptz,
    resolution_note varchar(1000) check (resolution_note is null or (length(resolution_note) > 0 and resolution_note = trim(resolution_note))),
    unique (spot_check_id, record_id),
    unique (spot_check_id, position),
    -- A verdict says who gave it and when; a question says why.
    check ((verdict is null) = (decided_by is null) and (verdict is null) = (decided_at is null)),
    check (verdict is distinct from 'QUESTIONED' or note is not null),
    check (verdict is not null or note is null),
    -- Only a question is answered, and an answer says who, when and what.
    check ((resolved_by is null) = (resolved_at is null) and (resolved_by is null) = (resolution_note is null)),
    check (resolved_by is null or verdict = 'QUESTIONED')
);
create index spot_check_item_questioned_idx on spot_check_item (record_id) where verdict = 'QUESTIONED';
