-- Users, their refresh tokens; the audit trail comes from shared (V1_1). Portable SQL: PostgreSQL and H2 (PostgreSQL mode).
create table app_user (
    id              uuid primary key,
    username        varchar(64)  not null,
    display_name    varchar(200) not null,
    email           varchar(320),
    password_hash   varchar(100) not null,
    roles           varchar(200) not null,          -- comma-separated role names
    jurisdiction_id uuid,                            -- officials and legal officers only
    enabled         boolean      not null,
    failed_attempts integer      not null,
    locked_until    timestamp with time zone,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    version         bigint       not null,
    constraint app_user_username_unique unique (username)
);

create table refresh_token (
    id          uuid primary key,
    user_id     uuid not null references app_user (id),
    token_hash  varchar(64) not null,               -- SHA-256 of the token; the token itself is never stored
    issued_at   timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone,
    constraint refresh_token_hash_unique unique (token_hash)
);
create index refresh_token_user_idx on refresh_token (user_id);
