-- Jurisdictions and the audit trail. Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
create table jurisdiction (
    id          uuid primary key,
    name        varchar(200) not null,
    type        varchar(20)  not null,
    state       char(2)      not null,
    fips        varchar(7)   not null,
    time_zone   varchar(64)  not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    version     bigint       not null,
    constraint jurisdiction_fips_unique unique (fips),
    constraint jurisdiction_type_check check (type in ('STATE', 'COUNTY', 'CITY', 'TOWN', 'TRIBAL', 'OTHER'))
);
create index jurisdiction_state_idx on jurisdiction (state);
create index jurisdiction_name_idx on jurisdiction (name);

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
