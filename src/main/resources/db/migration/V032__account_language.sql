-- The language a person reads the portal in, remembered so that the portal's mails to them use it too
-- (the UI's own choice is a browser cookie; mails are written when the person is not there).
alter table account add column language varchar(8) not null default 'zh-CN'
    constraint account_language_check check (language in ('zh-CN', 'en'));
