-- Creating requests sent with an Idempotency-Key: the first result, replayed for the same key and
-- body from the same caller. status is null while the first request is still running.
create table idempotent_request (
    caller           varchar(200) not null,
    idempotency_key  varchar(255) not null,
    request_hash     varchar(64) not null,
    method           varchar(10) not null,
    path             varchar(2000) not null,
    status           integer,
    content_type     varchar(200),
    location         varchar(2000),
    response_body    varchar(1000000),
    created_at       timestamp with time zone not null,
    completed_at     timestamp with time zone,
    primary key (caller, idempotency_key)
);
create index idempotent_request_created_idx on idempotent_request (created_at);
