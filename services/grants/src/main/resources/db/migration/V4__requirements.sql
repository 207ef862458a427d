-- Certification requirements: one per award condition that needs certifying, with a deadline that
-- is a date and time of day in the jurisdiction's time zone, stored also as the exact instant.
create table requirement (
    id                   uuid primary key,
    award_id             uuid not null references award (id),
    condition_id         uuid not null references grant_condition (id),
    jurisdiction_id      uuid not null,
    time_zone            varchar(64) not null,
    deadline_date        date not null,
    deadline_time        time not null,
    deadline_at          timestamp with time zone not null,
    status               varchar(20) not null,
    rejection_reason     varchar(2000),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    version              bigint not null,
    constraint requirement_unique unique (award_id, condition_id),
    constraint requirement_status_check check (status in ('OPEN', 'SUBMITTED', 'ACCEPTED', 'WAIVED'))
);
create index requirement_jurisdiction_idx on requirement (jurisdiction_id);
create index requirement_deadline_idx on requirement (deadline_at);

-- Every extension of a deadline, never overwritten.
create table deadline_extension (
    id                 uuid primary key,
    requirement_id     uuid not null references requirement (id),
    previous_deadline  timestamp with time zone not null,
    new_deadline       timestamp with time zone not null,
    reason             varchar(1000) not null,
    extended_by        varchar(200) not null,
    extended_at        timestamp with time zone not null
);
create index deadline_extension_requirement_idx on deadline_extension (requirement_id, extended_at);
