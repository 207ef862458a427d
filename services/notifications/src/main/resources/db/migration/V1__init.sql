-- Notifications sent to people and the audit trail. Portable SQL: PostgreSQL and H2 (PostgreSQL mode).
create table notification (
    id          uuid primary key,
    recipient   varchar(64)  not null,              -- the username the notice is for
    subject     varchar(300) not null,
    body        text         not null,
    created_at  timestamp with time zone not null,
    read_at     timestamp with time zone
);
create index notification_recipient_idx on notification (recipient, created_at);

create table audit_event (
    id           uuid primary key,
    occurred_at  timestamp with time zone not null,
    actor        varchar(200) not null,
    action       varchar(100) not null,
    entity_type  varchar(100) not null,
    entity_id    varchar(100),
    request_id   varchar(64),
    before_state text,
    after_state  text
);
create index audit_event_entity_idx on audit_event (entity_type, entity_id);
