-- The transactional outbox of conversation messages for the notifications service: posting a SHARED
-- message (conversation/ConversationService.post) adds one row here in the same transaction as the
-- message and its audit record, so a rolled-back post leaves none of the three. INTERNAL notes never
-- get a row: they are DOJ's and never leave this service. The row carries the whole notice as the
-- notifications service takes it (POST /api/messages/notices), so the relay (outbox/MessageNoticeRelay)
-- reads nothing else; it posts each row and deletes it once notifications answered 2xx (idempotent on
-- message_id there, so a repeat after a lost answer is harmless). A refused notice (400/403) stays,
-- with its error, waiting the backoff cap between tries. The NOTIFY at commit wakes the relay of
-- every replica at once (outbox/ChangeWake listens on both outbox channels).
create table message_notice (
    id              bigserial primary key,
    message_id      uuid not null unique,            -- conversation_message.id; one notice per message
    payload         jsonb not null,                  -- the notice, field for field as posted
    attempts        integer not null default 0,
    next_attempt_at timestamp with time zone not null default now(),
    claimed_until   timestamp with time zone,
    last_error      varchar(1000),
    created_at      timestamp with time zone not null default now()
);
create index message_notice_due_idx on message_notice (next_attempt_at, id);

create function message_notice_wake() returns trigger as $$
begin
    perform pg_notify('message_notices', '');   -- delivered at commit only; repeats in one transaction fold into one
    return null;
end;
$$ language plpgsql;

create trigger message_notice_outbox
    after insert on message_notice
    for each row execute function message_notice_wake();
