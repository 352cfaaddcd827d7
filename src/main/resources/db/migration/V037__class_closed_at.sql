-- When a class was closed (结班): sign-in to its sessions ends then, whatever their windows say, and sessions that
-- were still ahead are not marked absent by the closing job. Classes closed before this column get the end of
-- their last day.
alter table rotation_class add column closed_at timestamptz;
update rotation_class set closed_at = ((end_date + 1)::timestamp at time zone 'Asia/Shanghai') where status = 'CLOSED';
alter table rotation_class add constraint rotation_class_closed_at_check check ((status = 'CLOSED') = (closed_at is not null));
