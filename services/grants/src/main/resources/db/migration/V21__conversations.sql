-- Conversations: each requirement and each demand has a thread between DOJ and the jurisdiction,
-- plus DOJ-internal notes (visibility INTERNAL) that the jurisdiction never sees. Messages are kept
-- as written: none is edited or deleted.
create table conversation_message (
    id               uuid primary key,
    subject_kind     varchar(20) not null,
    subject_id       uuid not null,
    jurisdiction_id  uuid not null,                  -- the thread's jurisdiction, copied from its requirement or demand
    visibility       varchar(20) not null,
    body             text not null,
    document_ids     varchar(2000) not null,         -- comma-separated document UUIDs, confirmed by the documents service
    author           varchar(200) not null,
    author_role      varchar(30) not null,
    created_at       timestamp with time zone not null,
    constraint conversation_message_kind_check check (subject_kind in ('REQUIREMENT', 'DEMAND')),
    constraint conversation_message_visibility_check check (visibility in ('SHARED', 'INTERNAL'))
);
create index conversation_message_thread_idx on conversation_message (subject_kind, subject_id, created_at);
