-- Conversation messages announced by the grants service (POST /api/messages/notices, from its
-- outbox, at least once): one row per message, whatever the number of repeats (the primary key and
-- INSERT ... ON CONFLICT (message_id) DO NOTHING), and one email row per (message, address).
create table message_notice (
    message_id          uuid primary key,
    subject_kind        varchar(16)  not null,      -- REQUIREMENT, DEMAND
    subject_id          uuid         not null,
    jurisdiction_id     uuid         not null,
    subject_title       varchar(300) not null,
    author_name         varchar(200) not null,
    author_role         varchar(40)  not null,
    from_doj            boolean      not null,
    excerpt             varchar(500) not null,
    path                varchar(200) not null,
    document_count      integer      not null,
    posted_at           timestamp with time zone not null,
    received_at         timestamp with time zone not null,
    -- false while the jurisdiction's contacts could not be read (the jurisdiction service down):
    -- the message mailer reads them later and makes the email rows then.
    recipients_resolved boolean      not null,
    resolve_attempts    integer      not null default 0,
    resolve_after       timestamp with time zone,
    last_error          varchar(1000)
);
create index message_notice_unresolved_idx on message_notice (recipients_resolved, resolve_after);

-- PENDING (to send, next_attempt_at after a failure; claimed while claimed_until is ahead), SENT
-- (recorded as soon as the SMTP server accepted it), FAILED (gave up after max-attempts).
create table message_email (
    id              uuid         not null unique,  -- its stable Message-ID: <message.{id}@grantline.notifications>
    message_id      uuid         not null references message_notice (message_id),
    email           varchar(320) not null,
    status          varchar(16)  not null,
    attempts        integer      not null,
    next_attempt_at timestamp with time zone not null,
    claimed_by      varchar(64),
    claimed_until   timestamp with time zone,
    sent_at         timestamp with time zone,
    last_error      varchar(1000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    primary key (message_id, email)
);
create index message_email_due_idx on message_email (status, next_attempt_at);

-- Where an inbox notice leads in the web app (a message's thread); null on reminders, which link by requirement.
alter table notification add column link varchar(500);
