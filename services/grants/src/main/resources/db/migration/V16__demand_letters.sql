-- Demand letters: DOJ writes to many jurisdictions at once (the 15 November 2017 letter went to 29);
-- each recipient gets one tracked demand with its deadline in its own local time, answered question
-- by question (by an official, or by the legal officer where a signature is needed).
create table demand_letter (
    id                uuid primary key,
    subject           varchar(300) not null,
    body              text not null,
    document_ids      varchar(2000) not null,          -- comma-separated document UUIDs, confirmed by the documents service
    deadline_date     date not null,
    deadline_time     time not null,
    recipient_filter  text not null,                   -- the filter the recipients were chosen by, as JSON
    status            varchar(20) not null,
    sent_by           varchar(200) not null,
    sent_at           timestamp with time zone not null,
    closed_by         varchar(200),
    closed_at         timestamp with time zone,
    version           bigint not null,
    constraint demand_letter_status_check check (status in ('OPEN', 'CLOSED'))
);
create index demand_letter_sent_idx on demand_letter (sent_at);

create table letter_question (
    id           uuid primary key,
    letter_id    uuid not null references demand_letter (id),
    position     int not null,
    text         varchar(2000) not null,
    signer_role  varchar(30) not null,
    constraint letter_question_unique unique (letter_id, position),
    constraint letter_question_signer_check check (signer_role in ('JURISDICTION_OFFICIAL', 'LEGAL_OFFICER'))
);

create table demand (
    id                  uuid primary key,
    letter_id           uuid not null references demand_letter (id),
    jurisdiction_id     uuid not null,
    jurisdiction_name   varchar(300) not null,
    jurisdiction_state  varchar(2),
    time_zone           varchar(64) not null,
    deadline_date       date not null,
    deadline_time       time not null,
    deadline_at         timestamp with time zone not null,
    status              varchar(20) not null,
    round               int not null,
    doj_note            varchar(2000),
    decided_by          varchar(200),
    decided_at          timestamp with time zone,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    version             bigint not null,
    constraint demand_unique unique (letter_id, jurisdiction_id),
    constraint demand_status_check check (status in ('AWAITING', 'ANSWERED', 'MORE_REQUESTED', 'ACCEPTED', 'CLOSED'))
);
create index demand_jurisdiction_idx on demand (jurisdiction_id);
create index demand_letter_idx on demand (letter_id, jurisdiction_name);

-- Every answer is kept; the answers of the demand's current round are the ones DOJ reviews.
create table demand_answer (
    id             uuid primary key,
    demand_id      uuid not null references demand (id),
    question_id    uuid not null references letter_question (id),
    round          int not null,
    text           text not null,
    document_ids   varchar(2000) not null,
    answered_by    varchar(200) not null,
    answered_role  varchar(30) not null,
    signer_name    varchar(200),
    signer_title   varchar(200),
    attestation    text,
    answered_at    timestamp with time zone not null
);
create index demand_answer_demand_idx on demand_answer (demand_id, answered_at);
