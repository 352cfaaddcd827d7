-- A refusal of leave says why: the trainee reads it in the decision mail and in their list of requests.
-- Refusals made before this had no reason; the rule holds for every decision from now on (NOT VALID: old rows stay).
alter table leave_request add column decision_reason varchar(500);
alter table leave_request add constraint leave_request_refusal_has_reason
    check (status <> 'REFUSED' or coalesce(length(trim(decision_reason)), 0) > 0) not valid;
