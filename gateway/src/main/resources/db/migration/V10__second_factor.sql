-- Two-factor sign-in (TOTP, RFC 6238): one authenticator per user, ten single-use recovery codes,
-- and the short-lived challenges that carry a sign-in from the password to the code.
create table totp_factor (
    user_id          uuid primary key references app_user (id),
    secret           varchar(64) not null,            -- Base32 of the 20-byte HMAC-SHA1 key
    confirmed_at     timestamp with time zone,        -- null: enrolment started, not yet confirmed with a code
    last_used_step   bigint      not null,            -- the newest 30-second step whose code was accepted (single use)
    failed_attempts  integer     not null,            -- wrong codes in a row
    locked_until     timestamp with time zone,
    created_at       timestamp with time zone not null
);

create table recovery_code (
    id         uuid primary key,
    user_id    uuid        not null references app_user (id),
    code_hash  varchar(64) not null,                  -- SHA-256 of the code; the code is shown once
    used_at    timestamp with time zone,
    constraint recovery_code_unique unique (user_id, code_hash)
);

create table sign_in_challenge (
    id          uuid primary key,
    token_hash  varchar(64) not null,                 -- SHA-256 of the challenge the client holds
    user_id     uuid        not null references app_user (id),
    purpose     varchar(16) not null,                 -- VERIFY (enter a code) or ENROL (set up an authenticator first)
    source      varchar(64) not null,                 -- the client address the password came from
    failures    integer     not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    constraint sign_in_challenge_hash_unique unique (token_hash)
);
create index sign_in_challenge_expires_idx on sign_in_challenge (expires_at);
