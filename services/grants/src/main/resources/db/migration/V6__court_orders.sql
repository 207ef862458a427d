-- Court orders that enjoin conditions, and the state of each requirement's jurisdiction (for orders
-- scoped to a state). Whether a requirement is enjoined is computed from these, never stored.
alter table requirement add column jurisdiction_state varchar(2);

create table court_order (
    id             uuid primary key,
    case_name      varchar(300) not null,
    case_number    varchar(100) not null,
    court          varchar(200) not null,
    order_date     date not null,
    scope          varchar(20) not null,
    scope_state    varchar(2),                    -- for scope STATE
    organisation   varchar(200),                  -- for scope MEMBERS: whose members are covered
    in_force_from  date not null,
    in_force_to    date,
    lifted_on      date,                          -- a stay or reversal lifts the order from this date
    lifted_reason  varchar(1000),
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    version        bigint not null,
    constraint court_order_scope_check check (scope in ('NATIONWIDE', 'JURISDICTIONS', 'STATE', 'MEMBERS'))
);

create table court_order_jurisdiction (
    order_id         uuid not null references court_order (id),
    jurisdiction_id  uuid not null,
    primary key (order_id, jurisdiction_id)
);

create table court_order_condition (
    order_id      uuid not null references court_order (id),
    condition_id  uuid not null references grant_condition (id),
    primary key (order_id, condition_id)
);
create index court_order_condition_idx on court_order_condition (condition_id);
