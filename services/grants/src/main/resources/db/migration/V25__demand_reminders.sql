-- Reminders and escalation of demands (what a letter's recipient owes DOJ by a deadline in its own
-- time): one row per demand, deadline and kind, inserted in the transaction that posts the reminder
-- on the demand's thread, so that whatever the number of replicas each is sent once. SKIPPED: a
-- reminder whose time passed while a later one was due (only the latest is sent).
create table demand_reminder (
    demand_id    uuid not null references demand (id),
    deadline_at  timestamp with time zone not null,
    kind         varchar(20) not null,
    status       varchar(20) not null,
    message_id   uuid,
    created_at   timestamp with time zone not null,
    constraint demand_reminder_key primary key (demand_id, deadline_at, kind),
    constraint demand_reminder_kind_check check (kind in ('WEEK_BEFORE', 'DAY_BEFORE', 'OVERDUE', 'ESCALATION')),
    constraint demand_reminder_status_check check (status in ('SENT', 'SKIPPED'))
);
create index demand_due_idx on demand (status, deadline_at);
