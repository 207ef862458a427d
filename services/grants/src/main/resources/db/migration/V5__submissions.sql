-- Signed certifications and DOJ's decision on each. Never deleted; a decision is written once.
create table submission (
    id               uuid primary key,
    requirement_id   uuid not null references requirement (id),
    signer_username  varchar(200) not null,
    signer_name      varchar(200) not null,
    signer_title     varchar(200) not null,
    attestation      text not null,
    document_ids     varchar(2000) not null,        -- comma-separated document UUIDs, confirmed by the documents service
    client_ip        varchar(64) not null,          -- the address the request came from (the gateway's, behind it)
    forwarded_for    varchar(200),                  -- X-Forwarded-For as received: recorded, not trusted
    submitted_at     timestamp with time zone not null,
    decision         varchar(20),
    decision_reason  varchar(2000),
    decided_by       varchar(200),
    decided_at       timestamp with time zone,
    version          bigint not null,
    constraint submission_decision_check check (decision in ('ACCEPTED', 'REJECTED'))
);
create index submission_requirement_idx on submission (requirement_id, submitted_at);
