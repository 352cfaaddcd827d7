-- Sign-in and remembered logins (docs/design-decisions/010-login-and-sessions.md).

-- token_version is part of every remember-me cookie's signature: logout, a password change, a reset and disabling
-- add one, which ends every remembered login of the account at once (parallel requests of a phone all carry the
-- same cookie, so nothing is rotated per request).
-- must_change_password marks a password someone else knows (a one-time password from bulk creation or a reset).
-- The per-account failure counter and lock give way to AttemptLimiter's windows (per name and address, per
-- address, per name): a stranger could lock any account with them, and they were read before the password check.
alter table account
    add column token_version        int     not null default 0 check (token_version >= 0),
    add column must_change_password boolean not null default false,
    drop column failed_attempts,
    drop column last_failed_at,
    drop column locked_until;

-- Failed logins are aggregated: one row per (name typed, address, reason, hour) with a count, instead of a row per
-- try, so that what an anonymous caller can write is bounded. bucket is null for every other audit row.
alter table audit_event
    add column occurrences int not null default 1 check (occurrences >= 1),
    add column bucket      timestamptz;
create unique index audit_event_bucket_uq on audit_event (bucket, action, actor, remote_address, detail)
    nulls not distinct where bucket is not null;
