-- Refused sign-in tries are counted, not stored one row each: one row per occasion, person, reason, phone and
-- address in each 10-minute bucket, with how many times it happened and when last. A script firing wrong codes
-- all day then adds to a few counters instead of a million rows (docs/design-decisions/009-attempt-limits.md).
alter table sign_in_refusal
    add column repeats int         not null default 1,
    add column last_at timestamptz,
    add column bucket  timestamptz;

update sign_in_refusal set last_at = at, bucket = date_bin('10 minutes', at, timestamptz '2000-01-01 00:00:00+00');

-- The rows so far were one per try: fold each bucket's repeats into its first row.
with folded as (
    select min(id) as keep, count(*) as n, min(at) as first_at, max(at) as last
    from sign_in_refusal
    group by occasion_kind, occasion_id, person_id, reason, device_id, remote_address, bucket
    having count(*) > 1
)
update sign_in_refusal r set repeats = f.n, at = f.first_at, last_at = f.last
from folded f where r.id = f.keep;

delete from sign_in_refusal r
where exists (select 1 from sign_in_refusal k
              where k.id < r.id and k.bucket = r.bucket and k.reason = r.reason
                and k.occasion_kind is not distinct from r.occasion_kind and k.occasion_id is not distinct from r.occasion_id
                and k.person_id is not distinct from r.person_id and k.device_id is not distinct from r.device_id
                and k.remote_address is not distinct from r.remote_address);

alter table sign_in_refusal
    alter column repeats drop default,
    alter column last_at set not null,
    alter column bucket set not null,
    add constraint sign_in_refusal_repeats_check check (repeats >= 1),
    add constraint sign_in_refusal_last_at_check check (last_at >= at);

-- The row a repeat adds to; an unknown occasion, person, phone or address is one value, not a new row each time.
create unique index sign_in_refusal_repeat_uq on sign_in_refusal
    (occasion_kind, occasion_id, person_id, reason, device_id, remote_address, bucket) nulls not distinct;
