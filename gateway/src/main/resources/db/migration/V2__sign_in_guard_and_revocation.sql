-- Sign-in that cannot be raced, tokens that end when they should, a throttle shared by replicas.
-- Portable SQL: PostgreSQL and H2 (PostgreSQL mode).

-- Failures are counted per account AND client address (login_guard), so an attacker locks only
-- themselves out; the per-account columns go.
alter table app_user drop column failed_attempts;
alter table app_user drop column locked_until;
-- Raised whenever the user's tokens must stop working (disabled, re-bound, new password); tokens carry it as "ver".
alter table app_user add column token_version bigint default 0 not null;
alter table app_user add column tokens_valid_after timestamp with time zone;

create table login_guard (
    user_id         uuid        not null references app_user (id),
    source          varchar(64) not null,            -- the client address the attempts came from
    failed_attempts integer     not null,            -- in a row, from this source
    in_flight       integer     not null,            -- attempts checked but not yet decided
    locked_until    timestamp with time zone,
    last_attempt_at timestamp with time zone not null,
    constraint login_guard_pk primary key (user_id, source)
);

-- Every refresh token of one sign-in belongs to its session; access tokens carry it as "sid".
alter table refresh_token add column session_id uuid;
update refresh_token set session_id = id;
alter table refresh_token alter column session_id set not null;
create index refresh_token_session_idx on refresh_token (session_id);

-- Tokens that must be refused although signed and unexpired; kept until the last such token expired.
create table token_revocation (
    id          uuid primary key,
    subject     varchar(64) not null,
    session_id  uuid,                                 -- one signed-out session ...
    min_version bigint,                               -- ... or every token of the subject below this version
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null
);
create index token_revocation_expires_idx on token_revocation (expires_at);

-- Bucket4j's sign-in throttle buckets (PostgreSQL; the embedded default's single gateway keeps them in memory).
create table throttle_bucket (
    id         varchar(200) primary key,
    state      bytea,
    expires_at bigint
);
