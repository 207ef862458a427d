-- Notifications sent to people; the audit trail comes from shared (V1_1). Portable SQL: PostgreSQL and H2 (PostgreSQL mode).
create table notification (
    id          uuid primary key,
    recipient   varchar(64)  not null,              -- the username the notice is for
    subject     varchar(300) not null,
    body        text         not null,
    created_at  timestamp with time zone not null,
    read_at     timestamp with time zone
);
create index notification_recipient_idx on notification (recipient, created_at);
