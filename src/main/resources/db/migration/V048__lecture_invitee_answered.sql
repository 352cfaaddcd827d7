-- An invitee's answer carries its time, and only an answer does: the lecture page's counts and the calendar's
-- "answered at" read the same rows.
alter table lecture_invitee add constraint lecture_invitee_answered
    check ((response = 'INVITED') = (responded_at is null));
