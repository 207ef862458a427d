-- Conversation messages posted to webhooks (issue 13): one row per (message, webhook), made with the
-- message's notice and posted like a reminder's webhook delivery (signed, retried, DEAD at the end).
create table message_webhook (
    id              uuid primary key,          -- X-GrantLine-Delivery
    message_id      uuid not null references message_notice (message_id),
    webhook_id      uuid not null references webhook (id),
    jurisdiction_id uuid not null,             -- the message's: the webhook's owner must still read it when posted
    status          varchar(16) not null,      -- PENDING, SENDING, SENT, FAILED, DEAD (DeliveryStatus)
    attempts        integer not null,
    next_attempt_at timestamp with time zone not null,
    claimed_by      varchar(64),
    claimed_until   timestamp with time zone,
    sent_at         timestamp with time zone,
    last_error      varchar(1000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint message_webhook_key unique (message_id, webhook_id)
);
create index message_webhook_due_idx on message_webhook (status, next_attempt_at);
create index message_webhook_webhook_idx on message_webhook (webhook_id, created_at);

-- A run's figures count the conversation messages' emails it sent too.
alter table reminder_run add column message_emails_sent integer;
