-- Every mail the portal sends is first a row here, written in the transaction of the change that caused it.
-- A scheduled sender claims due rows with FOR UPDATE SKIP LOCKED, so several instances never send one twice.
create table mail_outbox (
    id              bigserial primary key,
    created_at      timestamptz  not null default now(),
    recipient       varchar(200) not null check (recipient like '%_@_%'),
    subject         varchar(300) not null,
    body            text         not null,
    attachment_name varchar(200),
    attachment_type varchar(100),
    attachment      bytea,
    status          varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        int          not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz  not null default now(),
    last_error      varchar(1000),
    sent_at         timestamptz,
    -- Optional idempotency key of the cause (e.g. 'invite:class:12:person:5'): the same cause mails once.
    dedup_key       varchar(200) unique,
    check ((attachment is null) = (attachment_name is null)),
    check ((status = 'SENT') = (sent_at is not null))
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'PENDING';
create index mail_outbox_status_idx on mail_outbox (status, created_at desc);
