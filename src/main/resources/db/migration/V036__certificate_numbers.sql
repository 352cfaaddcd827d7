-- Certificate numbers end in ten random hexadecimal characters (40 bits), so that nobody can walk the sequence
-- through /verify/<number>: TX-2026-000123-9F03C1AB7E. The sequence part stays for the office's own order.
-- Existing certificates get their random part now; their PDFs carry the new number when downloaded again.
alter table certificate drop constraint certificate_number_check;
alter table certificate alter column number type varchar(40);
update certificate set number = number || '-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10));
alter table certificate add constraint certificate_number_check
    check (number ~ '^TX-[0-9]{4}-[0-9]{6,}-[0-9A-F]{10}$');
