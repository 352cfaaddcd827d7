-- The live board's nudge is no longer a transactional listener with a durable publication (bench/signin found it
-- held a second pool connection inside each sign-in's commit). Unfinished publications for it, left by earlier
-- versions, would only be logged as "listener not found" at every start.
delete from event_publication where listener_id like '%BoardBroadcaster%';
