-- What each person receives (issue 13, "What people receive"): the notice kinds they declined and
-- the local hour of their daily digest. A person is a signed-in user (subject = username; their
-- address from the gateway in email) or a jurisdiction contact reached through a signed link
-- (subject = their address). Mandatory escalations are never stored as declined.
create table notification_preference (
    id           uuid primary key,
    subject_type varchar(16)  not null,        -- USER, CONTACT
    subject      varchar(320) not null,
    email        varchar(320),                 -- lower case; the address whose emails this governs
    opted_out    varchar(200) not null,        -- NoticeKind names, "REMINDER,DUE_TODAY"
    digest_hour  integer,                      -- 0..23 in the jurisdiction's zone; null: when the reminders come due
    updated_at   timestamp with time zone not null,
    version      bigint not null,
    constraint notification_preference_key unique (subject_type, subject),
    constraint notification_preference_hour check (digest_hour is null or (digest_hour >= 0 and digest_hour <= 23))
);
create index notification_preference_email_idx on notification_preference (email);

-- A program may make its overdue escalations mandatory (the default): those cannot be declined.
alter table program_settings add column escalations_mandatory boolean not null default true;

-- The kind of notice each delivery and inbox notice is (null on rows made before this version).
alter table delivery add column notice_kind varchar(16);
alter table notification add column notice_kind varchar(16);
