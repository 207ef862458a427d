-- Bulk actions on every item a filter matches, run as one job: what it asked, what it changed and
-- what it refused (with the reason), kept for the audit.
create table bulk_job (
    id             uuid primary key,
    action         varchar(20) not null,
    filter         text not null,
    reason         varchar(1000),
    matched        int not null,
    changed        int not null,
    refused        int not null,
    outcome        text not null,                 -- JSON: changed ids, refused {id, reason}
    requested_by   varchar(200) not null,
    started_at     timestamp with time zone not null,
    finished_at    timestamp with time zone not null,
    constraint bulk_job_action_check check (action in ('EXTEND', 'WAIVE'))
);
