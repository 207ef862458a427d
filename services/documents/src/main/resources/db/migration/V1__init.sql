-- Document records and the audit trail. Portable SQL: PostgreSQL and H2 (PostgreSQL mode).
create table document (
    id              uuid primary key,
    jurisdiction_id uuid,                           -- null for DOJ's own papers
    kind            varchar(30)  not null,
    title           varchar(300) not null,
    created_at      timestamp with time zone not null
);
create index document_jurisdiction_idx on document (jurisdiction_id);

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
