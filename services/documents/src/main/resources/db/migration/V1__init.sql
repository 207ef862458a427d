-- Document records; the audit trail comes from shared (V1_1). Portable SQL: PostgreSQL and H2 (PostgreSQL mode).
create table document (
    id              uuid primary key,
    jurisdiction_id uuid,                           -- null for DOJ's own papers
    kind            varchar(30)  not null,
    title           varchar(300) not null,
    created_at      timestamp with time zone not null
);
create index document_jurisdiction_idx on document (jurisdiction_id);
