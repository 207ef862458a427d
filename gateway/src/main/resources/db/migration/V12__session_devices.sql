-- Sessions a user can see: each refresh token remembers the device and address of the request that got it.
alter table refresh_token add column user_agent varchar(200);
alter table refresh_token add column source_address varchar(64);
