-- Deadline reminders: what the service knows of each requirement (from the grants feed), the
-- reminders planned for it, and one delivery row per (requirement, deadline, offset, recipient,
-- channel). Portable SQL: PostgreSQL and H2 (PostgreSQL mode).

-- The grants feed's change cursor, shared by every replica; a lease says which one is pulling.
create table feed_state (
    id              varchar(32) primary key,
    feed_cursor     varchar(120),
    window_to       timestamp with time zone,
    lease_owner     varchar(64),
    lease_until     timestamp with time zone,
    last_success_at timestamp with time zone,
    last_error      varchar(1000)
);
insert into feed_state (id) values ('grants');

-- Offsets and send time per program (the defaults apply to a program without a row).
create table program_settings (
    program_id        uuid primary key,
    offsets_days      varchar(200) not null,   -- days before the deadline, "30,14,7,3,1,0"
    overdue_days      varchar(200) not null,   -- days after, "1,7"
    send_time         time not null,           -- local time in the jurisdiction's zone
    doj_officer_name  varchar(200),
    doj_officer_email varchar(320),
    updated_at        timestamp with time zone not null,
    version           bigint not null
);

-- A requirement as last read from the feed, with the names a reminder shows.
create table tracked_requirement (
    id                  uuid primary key,
    award_id            uuid not null,
    condition_id        uuid not null,
    jurisdiction_id     uuid not null,
    program_id          uuid,
    award_number        varchar(64),
    program_name        varchar(300),
    condition_title     varchar(1000),
    jurisdiction_name   varchar(300),
    deadline_at         timestamp with time zone not null,
    deadline_local_date date not null,
    deadline_local_time time not null,
    time_zone           varchar(64) not null,
    status              varchar(16) not null,
    enjoined            boolean not null,
    source_version      bigint not null,
    updated_at          timestamp with time zone not null
);
create index tracked_requirement_jurisdiction_idx on tracked_requirement (jurisdiction_id, deadline_at);

-- One reminder per requirement, deadline and offset (negative offsets: days overdue).
create table reminder (
    id              uuid primary key,
    requirement_id  uuid not null,
    jurisdiction_id uuid not null,
    deadline_at     timestamp with time zone not null,
    offset_days     integer not null,
    kind            varchar(16) not null,      -- BEFORE, DAY_OF, OVERDUE
    escalate        boolean not null,
    due_at          timestamp with time zone not null,
    local_date      date not null,             -- the day it is due in the jurisdiction's zone
    status          varchar(16) not null,      -- PLANNED, FANNED_OUT, CANCELLED, SKIPPED
    reason          varchar(300),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint reminder_key unique (requirement_id, deadline_at, offset_days)
);
create index reminder_due_idx on reminder (status, due_at);

-- At most one email per recipient per day: every email delivery of that day joins its digest.
create table email_digest (
    id              uuid primary key,
    recipient       varchar(320) not null,
    digest_date     date not null,
    status          varchar(16) not null,      -- PENDING, SENDING, SENT, FAILED, DEAD, CANCELLED
    attempts        integer not null,
    next_attempt_at timestamp with time zone not null,
    claimed_by      varchar(64),
    claimed_until   timestamp with time zone,
    message_id      varchar(200) not null,
    sent_at         timestamp with time zone,
    last_error      varchar(1000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint email_digest_key unique (recipient, digest_date)
);
create index email_digest_due_idx on email_digest (status, next_attempt_at);

create table delivery (
    id              uuid primary key,
    reminder_id     uuid not null,
    requirement_id  uuid not null,
    jurisdiction_id uuid not null,
    deadline_at     timestamp with time zone not null,
    offset_days     integer not null,
    recipient       varchar(320) not null,     -- an email address, an inbox audience, a webhook id
    channel         varchar(16) not null,      -- EMAIL, INBOX, WEBHOOK
    digest_id       uuid,
    status          varchar(16) not null,      -- PENDING, SENDING, SENT, FAILED, DEAD, CANCELLED
    attempts        integer not null,
    next_attempt_at timestamp with time zone not null,
    claimed_by      varchar(64),
    claimed_until   timestamp with time zone,
    due_at          timestamp with time zone not null,
    sent_at         timestamp with time zone,
    last_error      varchar(1000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint delivery_key unique (requirement_id, deadline_at, offset_days, recipient, channel)
);
create index delivery_status_idx on delivery (status, next_attempt_at);
create index delivery_digest_idx on delivery (digest_id);
create index delivery_requirement_idx on delivery (requirement_id);
create index delivery_due_idx on delivery (due_at);

-- In-app notices: to one person (recipient) or to an audience (a jurisdiction's officials, DOJ).
alter table notification alter column recipient drop not null;
alter table notification add column jurisdiction_id uuid;
alter table notification add column audience varchar(32);
alter table notification add column requirement_id uuid;
alter table notification add column delivery_id uuid;
create index notification_audience_idx on notification (audience, jurisdiction_id, created_at);
create table notification_read (
    notification_id uuid not null,
    username        varchar(64) not null,
    read_at         timestamp with time zone not null,
    primary key (notification_id, username)
);

create table webhook (
    id              uuid primary key,
    url             varchar(2000) not null,
    jurisdiction_id uuid,                      -- null: every jurisdiction (DOJ, admin)
    secret          varchar(100) not null,     -- HMAC-SHA256 key, shown once when registered
    active          boolean not null,
    created_by      varchar(64) not null,
    created_at      timestamp with time zone not null
);

create table calendar_feed (
    id              uuid primary key,
    token_hash      varchar(64) not null unique,   -- SHA-256 of the secret in the URL; the secret is never stored
    username        varchar(64) not null,
    jurisdiction_id uuid,                          -- null: every jurisdiction (DOJ, admin, auditor)
    created_at      timestamp with time zone not null,
    revoked_at      timestamp with time zone
);
