-- The steps of an ordered lecture (点单式宣讲), kept by the database as well as by LectureOrders:
--   PENDING  -> PROPOSED (the group proposes another time) | ACCEPTED (scheduled) | DECLINED | WITHDRAWN
--   PROPOSED -> AGREED (the ordering unit agrees to the proposed time) | WITHDRAWN
--   AGREED   -> ACCEPTED (the group schedules it at that time) | DECLINED | WITHDRAWN
-- ACCEPTED, DECLINED and WITHDRAWN are final.

alter table lecture_order drop constraint lecture_order_status_check;
alter table lecture_order add constraint lecture_order_status_check
    check (status in ('PENDING', 'PROPOSED', 'AGREED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'));

-- An agreed order keeps the time agreed to; a proposed time is at most a day long, like a lecture.
alter table lecture_order add constraint lecture_order_agreed_time_check
    check (status <> 'AGREED' or (proposed_start is not null and proposed_end > proposed_start));
alter table lecture_order add constraint lecture_order_proposed_length_check
    check (proposed_start is null or (proposed_end > proposed_start and proposed_end - proposed_start <= interval '1 day'));
-- Whatever the group decided says who decided and when.
alter table lecture_order add constraint lecture_order_decided_check
    check (status in ('PENDING', 'WITHDRAWN') or (decided_by is not null and decided_at is not null));
alter table lecture_order add constraint lecture_order_reason_check
    check (decision_reason is null or length(trim(decision_reason)) > 0);
alter table lecture_order add constraint lecture_order_note_check
    check (note is null or length(trim(note)) > 0);

create function lecture_order_step() returns trigger language plpgsql as $$
begin
    if new.status = old.status then
        if new.status in ('ACCEPTED', 'DECLINED', 'WITHDRAWN') and (new.proposed_start, new.proposed_end, new.decision_reason)
            is distinct from (old.proposed_start, old.proposed_end, old.decision_reason) then
            raise exception 'lecture_order_step: % is final', old.status using errcode = '23514';
        end if;
        return new;
    end if;
    if not ((old.status = 'PENDING' and new.status in ('PROPOSED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'))
         or (old.status = 'PROPOSED' and new.status in ('AGREED', 'WITHDRAWN'))
         or (old.status = 'AGREED' and new.status in ('ACCEPTED', 'DECLINED', 'WITHDRAWN'))) then
        raise exception 'lecture_order_step: % -> % not allowed', old.status, new.status using errcode = '23514';
    end if;
    return new;
end $$;
create trigger lecture_order_step before update of status, proposed_start, proposed_end, decision_reason on lecture_order
    for each row execute function lecture_order_step();

-- A new order starts pending.
alter table lecture_order add constraint lecture_order_new_check check (status <> 'PENDING' or decided_by is null);

-- An accepted order has its lecture (checked at commit: the order turns ACCEPTED and its lecture is written in
-- the same transaction).
create function lecture_order_scheduled() returns trigger language plpgsql as $$
begin
    if new.status = 'ACCEPTED' and not exists (select 1 from lecture l where l.order_id = new.id) then
        raise exception 'lecture_order_scheduled: order % accepted without a lecture', new.id using errcode = '23514';
    end if;
    return null;
end $$;
create constraint trigger lecture_order_scheduled after insert or update of status on lecture_order
    deferrable initially deferred for each row when (new.status = 'ACCEPTED')
    execute function lecture_order_scheduled();
