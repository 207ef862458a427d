-- Runs asked for with POST /api/reminders/run: they go on in the background, and any replica
-- answers GET /api/reminders/runs/{id} from here. The replica running one (owner) beats its
-- heartbeat; a run whose heartbeat stopped (its replica died) is marked FAILED as abandoned.
create table reminder_run (
    id                uuid primary key,
    status            varchar(16) not null,      -- RUNNING, SUCCEEDED, FAILED
    requested_by      varchar(200) not null,
    request_id        varchar(64),
    owner             varchar(64) not null,
    heartbeat_at      timestamp with time zone not null,
    started_at        timestamp with time zone not null,
    finished_at       timestamp with time zone,
    error             varchar(1000),
    planned           boolean,
    feed_items        integer,
    reminders_planned integer,
    reminders_stopped integer,
    planning_error    varchar(1000),
    reminders_due     integer,
    emails_sent       integer,
    emails_failed     integer,
    emails_dead       integer,
    webhooks_sent     integer,
    webhooks_failed   integer,
    planning_millis   bigint,
    delivery_millis   bigint,
    sending_millis    bigint
);
create index reminder_run_started_idx on reminder_run (started_at);
create index reminder_run_status_idx on reminder_run (status, heartbeat_at);
