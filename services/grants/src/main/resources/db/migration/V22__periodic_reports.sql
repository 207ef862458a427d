-- Reports that recur: a condition of a program's catalogue can require a report every N months
-- (semi-annual performance reports: every 6). A requirement is created for each period as it begins,
-- due some days after the period ends, and a report still owed a configured number of days after its
-- deadline withholds the award's funds (JustGrants suspends funds 15 days after a missed report).
create table report_schedule (
    condition_id          uuid primary key references grant_condition (id),
    every_months          int not null,
    due_days_after        int not null,
    withhold_after_days   int not null,
    starts_on             date not null,        -- no period that ends before this date is asked for
    updated_by            varchar(200) not null,
    updated_at            timestamp with time zone not null,
    version               bigint not null,
    constraint report_schedule_every_check check (every_months in (1, 3, 6, 12)),
    constraint report_schedule_due_check check (due_days_after between 0 and 365),
    constraint report_schedule_withhold_check check (withhold_after_days between 0 and 365)
);

-- A requirement is the award's one for its condition, or one period's report of it.
alter table requirement add column period_start date;
alter table requirement drop constraint requirement_unique;
create unique index requirement_unique on requirement (award_id, condition_id) where period_start is null;
create unique index requirement_period_unique on requirement (award_id, condition_id, period_start) where period_start is not null;

-- One requirement per award, condition and period, whichever replica creates it first.
create table report_period (
    requirement_id   uuid primary key references requirement (id),
    award_id         uuid not null references award (id),
    condition_id     uuid not null references grant_condition (id),
    period_start     date not null,
    period_end       date not null,
    withheld_at      timestamp with time zone,  -- when this missed report withheld the award's funds
    constraint report_period_unique unique (award_id, condition_id, period_start)
);
create index report_period_open_idx on report_period (withheld_at) where withheld_at is null;
