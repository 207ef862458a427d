-- Single sign-on: which GrantLine user an identity provider's subject is.
create table federated_identity (
    id               uuid primary key,
    provider         varchar(64)  not null,           -- the provider's name in grantline.sso.providers
    subject          varchar(255) not null,           -- the ID token's sub
    user_id          uuid         not null references app_user (id),
    created_at       timestamp with time zone not null,
    last_sign_in_at  timestamp with time zone not null,
    constraint federated_identity_unique unique (provider, subject),
    constraint federated_identity_user_unique unique (user_id)
);
