-- Agency administrators invite colleagues by email: a single-use link that expires (72 h).
create table user_invitation (
    id              uuid primary key,
    email           varchar(320) not null,
    username        varchar(64)  not null,
    display_name    varchar(200) not null,
    roles           varchar(200) not null,          -- comma-separated, jurisdiction-bound roles only
    jurisdiction_id uuid         not null,
    token_hash      varchar(64)  not null,          -- SHA-256 of the link's token; the token itself is never stored
    invited_by      varchar(200) not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    accepted_at     timestamp with time zone,
    user_id         uuid references app_user (id),   -- the account made on acceptance
    revoked_at      timestamp with time zone,
    version         bigint       not null,
    constraint user_invitation_token_unique unique (token_hash)
);
create index user_invitation_jurisdiction_idx on user_invitation (jurisdiction_id);
create index app_user_jurisdiction_idx on app_user (jurisdiction_id);
