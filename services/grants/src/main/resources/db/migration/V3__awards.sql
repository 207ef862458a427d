-- Awards: who holds which award under which conditions, its status and its money.
create table award (
    id                   uuid primary key,
    jurisdiction_id      uuid not null,              -- a jurisdiction of the jurisdiction service
    program_id           uuid not null references program (id),
    fiscal_year          integer not null,
    award_number         varchar(40) not null,
    amount               numeric(14, 2) not null,
    award_date           date not null,
    acceptance_deadline  date not null,
    status               varchar(30) not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    version              bigint not null,
    constraint award_number_unique unique (award_number),
    constraint award_amount_positive check (amount > 0),
    constraint award_status_check check (status in ('OFFERED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'ACTIVE', 'WITHHELD',
        'SUSPENDED', 'CLAWBACK_INITIATED', 'CLAWED_BACK', 'CLOSED'))
);
create index award_jurisdiction_idx on award (jurisdiction_id);
create index award_program_idx on award (program_id, fiscal_year);

-- The award's special conditions, from its program's catalogue for its fiscal year.
create table award_condition (
    award_id      uuid not null references award (id),
    condition_id  uuid not null references grant_condition (id),
    primary key (award_id, condition_id)
);

-- Disbursements and clawbacks; the award's totals follow from them. Never updated.
create table money_movement (
    id             uuid primary key,
    award_id       uuid not null references award (id),
    kind           varchar(20) not null,
    amount         numeric(14, 2) not null,
    movement_date  date not null,
    reason         varchar(1000) not null,
    recorded_by    varchar(200) not null,
    recorded_at    timestamp with time zone not null,
    constraint money_kind_check check (kind in ('DISBURSEMENT', 'CLAWBACK')),
    constraint money_amount_positive check (amount > 0)
);
create index money_movement_award_idx on money_movement (award_id);
