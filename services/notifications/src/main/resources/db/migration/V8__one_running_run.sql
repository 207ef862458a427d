-- At most one reminder run is RUNNING, across replicas: ReminderRuns.start() locks the running run
-- (FOR UPDATE) before it inserts one, but when none is running there is no row to lock, and two
-- replicas asked at the same moment could both insert. This index makes the second insert fail
-- (answered 409 run-in-progress). Runs left RUNNING side by side by that race before now are ended.
update reminder_run set status = 'FAILED', finished_at = now(), error = 'abandoned: another run was running'
 where status = 'RUNNING'
   and id <> (select id from reminder_run where status = 'RUNNING' order by started_at desc limit 1);
create unique index reminder_run_one_running on reminder_run ((true)) where status = 'RUNNING';
