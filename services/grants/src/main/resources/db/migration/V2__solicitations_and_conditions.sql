-- Each program's solicitations per fiscal year, and its catalogue of conditions per fiscal year.
alter table program add column description varchar(2000);
alter table program add column updated_at timestamp with time zone;
update program set updated_at = created_at;
alter table program alter column updated_at set not null;

create table solicitation (
    id               uuid primary key,
    program_id       uuid not null references program (id),
    fiscal_year      integer not null,
    kind             varchar(10) not null,
    title            varchar(300) not null,
    application_due  date not null,
    created_at       timestamp with time zone not null,
    constraint solicitation_kind_check check (kind in ('STATE', 'LOCAL')),
    constraint solicitation_unique unique (program_id, fiscal_year, kind)
);

create table grant_condition (
    id                   uuid primary key,
    program_id           uuid not null references program (id),
    fiscal_year          integer not null,
    code                 varchar(40) not null,
    title                varchar(300) not null,
    full_text            text not null,
    needs_certification  boolean not null,
    signer_role          varchar(30),               -- who must sign the certification, when one is needed
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    version              bigint not null,
    constraint condition_signer_check check (signer_role in ('LEGAL_OFFICER', 'JURISDICTION_OFFICIAL')),
    constraint condition_unique unique (program_id, fiscal_year, code)
);
create index grant_condition_program_idx on grant_condition (program_id, fiscal_year);
