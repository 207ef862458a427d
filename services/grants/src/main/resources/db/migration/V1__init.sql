-- Grant programs and the audit trail. Portable SQL: PostgreSQL and H2 (PostgreSQL mode).
create table program (
    id          uuid primary key,
    code        varchar(40)  not null,
    name        varchar(200) not null,
    agency      varchar(100) not null,
    created_at  timestamp with time zone not null,
    constraint program_code_unique unique (code)
);

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
