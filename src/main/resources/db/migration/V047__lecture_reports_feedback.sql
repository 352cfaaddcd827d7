-- After the lecture: the lecturer's report with its photos, and the audience's feedback. V042 made the tables; this
-- adds the rules the services keep, so that the database holds them too. See docs/design-decisions/019-anonymous-feedback.md.

-- A photo always has a name to show, and a thumbnail that is a small picture, not a second original.
alter table lecture_report_photo add constraint lecture_report_photo_name_text check (length(trim(file_name)) > 0);
alter table lecture_report_photo add constraint lecture_report_photo_thumbnail_size
    check (octet_length(thumbnail) between 1 and 262144);
alter table lecture_report add constraint lecture_report_summary_trimmed check (summary = trim(summary));

-- The organizers' list of reports to review.
create index lecture_report_status_idx on lecture_report (status, filed_at);

-- A comment is text or nothing, never blanks.
alter table lecture_feedback add constraint lecture_feedback_comment_text
    check (comment is null or (length(trim(comment)) > 0 and comment = trim(comment)));

-- The anonymity of an answer rests on these two tables staying as they are: lecture_feedback keeps only a random id,
-- the lecture, the day and the answer; lecture_feedback_given only (lecture, person). Say it where a later migration
-- that adds a timestamp or a serial id to either would be read.
comment on table lecture_feedback is
    'Anonymous rows have person_id null. Never add a timestamp, serial or other ordered column: see design note 019.';
comment on table lecture_feedback_given is
    'Only the fact that a person answered. Never add a timestamp, serial or other column: see design note 019.';
