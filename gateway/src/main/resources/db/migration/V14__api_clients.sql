-- API clients: an integration (a state's records system, a city's document system) signs in with
-- client credentials as a client of its agency, never with a person's password.
create table api_client (
    id              uuid primary key,                 -- also the client_id of client credentials
    name            varchar(50)  not null,            -- the token's subject is "client:<name>" (fits token_revocation.subject)
    roles           varchar(200) not null,            -- comma-separated; never ADMIN, AGENCY_ADMIN or SERVICE
    jurisdiction_id uuid,                             -- officials' and legal officers' clients only
    -- SHA-256 (hex) of the secret: 32 random bytes, so a fast hash is as safe as bcrypt here and
    -- costs the throttled token endpoint no CPU; the secret itself is shown once and never stored.
    secret_hash     varchar(64)  not null,
    created_by      varchar(200) not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone,         -- null: until revoked
    revoked_at      timestamp with time zone,
    rotated_at      timestamp with time zone,
    -- Raised by every change (rotate, revoke); tokens carry it as "ver", so a change ends them all.
    version         bigint       not null,
    constraint api_client_name_unique unique (name)
);
create index api_client_jurisdiction_idx on api_client (jurisdiction_id);
