-- Passkeys (WebAuthn): a person signs in with a key their device keeps (platform authenticator,
-- security key, phone), without the password and without a code: the passkey is both factors
-- (possession, and the device's own PIN or biometrics: user verification is required).
create table passkey (
    id            uuid primary key,
    user_id       uuid not null references app_user (id) on delete cascade,
    credential_id varchar(1400) not null,                 -- base64url of the credential id the authenticator chose
    credential    bytea not null,                         -- attested credential data: AAGUID, id, COSE public key (webauthn4j's encoding)
    sign_count    bigint not null,                        -- the authenticator's counter, to notice a cloned key
    name          varchar(100) not null,
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone,
    constraint passkey_credential_unique unique (credential_id)
);
create index passkey_user_idx on passkey (user_id);

-- A challenge the server issued for one ceremony: single use (used_at set by a conditional UPDATE),
-- five minutes. REGISTER belongs to the signed-in user; SIGN_IN to nobody yet.
create table passkey_challenge (
    id          uuid primary key,
    user_id     uuid references app_user (id) on delete cascade,
    purpose     varchar(20) not null,
    challenge   varchar(100) not null,                    -- base64url of 32 random bytes
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);
create index passkey_challenge_expiry_idx on passkey_challenge (expires_at);
