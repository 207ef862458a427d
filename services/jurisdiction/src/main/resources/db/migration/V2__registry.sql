-- The registry: hierarchy and population, detention facilities and who books into them,
-- cooperation policies (versioned, never overwritten) and contacts.
alter table jurisdiction add column parent_id uuid references jurisdiction (id);
alter table jurisdiction add column population bigint;
create index jurisdiction_parent_idx on jurisdiction (parent_id);
create index jurisdiction_type_idx on jurisdiction (type);

create table detention_facility (
    id           uuid primary key,
    name         varchar(200) not null,
    operator_id  uuid not null references jurisdiction (id),
    kind         varchar(20)  not null,
    capacity     integer,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    version      bigint not null,
    constraint detention_facility_kind_check check (kind in ('JAIL', 'PRISON', 'HOLDING_FACILITY'))
);
create index detention_facility_operator_idx on detention_facility (operator_id);

-- Which jurisdictions' police book suspects into which facilities.
create table facility_booking (
    jurisdiction_id uuid not null references jurisdiction (id),
    facility_id     uuid not null references detention_facility (id),
    primary key (jurisdiction_id, facility_id)
);
create index facility_booking_facility_idx on facility_booking (facility_id);

create table cooperation_policy (
    id               uuid primary key,
    jurisdiction_id  uuid not null references jurisdiction (id),
    effective_date   date not null,
    sanctuary        boolean not null,
    detainer_policy  varchar(30) not null,
    facility_access  varchar(10) not null,
    release_notice   boolean not null,
    section1373      varchar(30) not null,
    document_ids     varchar(3800),                 -- comma-separated document UUIDs
    notes            varchar(4000),
    recorded_by      varchar(200) not null,
    recorded_at      timestamp with time zone not null,
    constraint policy_detainer_check check (detainer_policy in ('HONOURS_ALL', 'JUDICIAL_WARRANT_ONLY', 'HONOURS_NONE', 'NO_POLICY')),
    constraint policy_access_check check (facility_access in ('YES', 'NO', 'PARTIAL')),
    constraint policy_1373_check check (section1373 in ('CERTIFIED_COMPLIANT', 'DISPUTED', 'UNKNOWN'))
);
create index cooperation_policy_history_idx on cooperation_policy (jurisdiction_id, effective_date, recorded_at);

create table contact (
    id               uuid primary key,
    jurisdiction_id  uuid not null references jurisdiction (id),
    name             varchar(200) not null,
    role             varchar(30)  not null,
    title            varchar(200),
    email            varchar(320) not null,
    phone            varchar(40),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    version          bigint not null,
    constraint contact_role_check check (role in ('CHIEF_EXECUTIVE', 'CHIEF_LEGAL_OFFICER', 'GRANT_MANAGER', 'POLICE_CHIEF', 'SHERIFF'))
);
create index contact_jurisdiction_idx on contact (jurisdiction_id);
