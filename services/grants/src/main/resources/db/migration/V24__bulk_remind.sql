-- A bulk job may also send a reminder now: a DOJ message on each matching requirement's thread,
-- which notifies the jurisdiction at once (inbox and email) through the message outbox (V23).
alter table bulk_job drop constraint bulk_job_action_check;
alter table bulk_job add constraint bulk_job_action_check check (action in ('EXTEND', 'WAIVE', 'REMIND'));
