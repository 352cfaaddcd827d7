-- Tries of something guessable (a password, a door code, a certificate number), counted per key in a fixed
-- window, so that every instance sees the same count (docs/design-decisions/009-attempt-limits.md).
-- The key is a SHA-256 of what is limited (an account, an address, a person), never the value itself:
-- the table holds no personal data and its rows have a bounded size whatever an attacker sends.
create table attempt_window (
    scope        varchar(30) not null,
    key_hash     char(64)    not null,
    window_start timestamptz not null,
    tries        int         not null check (tries >= 0),
    primary key (scope, key_hash)
);
create index attempt_window_start_idx on attempt_window (window_start);
