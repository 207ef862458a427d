-- Jurisdictions; the audit trail comes from shared (V1_1). Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
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
