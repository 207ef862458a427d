-- Documents get links, an uploader, versions (the bytes), locks by submitted certifications and a
-- soft delete. Portable SQL: PostgreSQL and H2 (PostgreSQL mode).
alter table document add column award_id uuid;
alter table document add column requirement_id uuid;
alter table document add column submission_id uuid;
alter table document add column created_by varchar(200) not null default 'unknown';
alter table document add column current_version integer not null default 0;   -- 0: no bytes yet
alter table document add column updated_at timestamp with time zone;
alter table document add column deleted_at timestamp with time zone;          -- soft delete: hidden, kept
alter table document add column deleted_by varchar(200);
create index document_award_idx on document (award_id);

-- One stored file per version; rows are never updated except to mark the bytes corrupt.
create table document_version (
    id                uuid primary key,
    document_id       uuid         not null references document (id),
    number            integer      not null,
    storage_key       varchar(200) not null unique,     -- server-generated, never from the client
    original_filename varchar(255) not null,            -- sanitised, metadata only
    content_type      varchar(120) not null,            -- detected from the bytes
    size_bytes        bigint       not null,
    sha256            char(64)     not null,
    uploaded_by       varchar(200) not null,
    uploaded_at       timestamp with time zone not null,
    corrupt_at        timestamp with time zone,         -- set when the bytes no longer match sha256
    constraint document_version_number_uq unique (document_id, number)
);

-- A version a submitted certification rests on: locked for good (one row per submission).
create table document_lock (
    id             uuid primary key,
    document_id    uuid        not null references document (id),
    version_number integer     not null,
    submission_id  uuid        not null,
    locked_by      varchar(200) not null,
    locked_at      timestamp with time zone not null,
    constraint document_lock_uq unique (document_id, submission_id)
);
create index document_lock_version_idx on document_lock (document_id, version_number);
