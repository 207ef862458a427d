-- A rejected certification is REJECTED (the jurisdiction sees it and answers with a new submission),
-- no longer OPEN with a reason beside it.
alter table requirement drop constraint requirement_status_check;
alter table requirement add constraint requirement_status_check
    check (status in ('OPEN', 'SUBMITTED', 'ACCEPTED', 'WAIVED', 'REJECTED'));
update requirement set status = 'REJECTED' where status = 'OPEN' and rejection_reason is not null;
