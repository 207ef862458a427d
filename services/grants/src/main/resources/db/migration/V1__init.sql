-- Grant programs; the audit trail comes from shared (V1_1). Portable SQL: PostgreSQL and H2 (PostgreSQL mode).
create table program (
    id          uuid primary key,
    code        varchar(40)  not null,
    name        varchar(200) not null,
    agency      varchar(100) not null,
    created_at  timestamp with time zone not null,
    constraint program_code_unique unique (code)
);
