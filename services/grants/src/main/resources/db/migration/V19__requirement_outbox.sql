-- The transactional outbox for the notifications service: every insert or update of a requirement
-- (a submission, decision, waiver, extension, a court order touching its condition, a bulk job,
-- anything else now or later) adds a row here in the same transaction, through a trigger, so no
-- write path can forget it and a rolled-back change leaves none. The relay (outbox/ChangeRelay)
-- posts the requirement ids to notifications and deletes the rows once it answered; a NOTIFY at
-- commit wakes the relay of every replica at once. Append-only: a change made while an earlier row
-- of the same requirement is being relayed gets a row of its own, so it is never lost.
create table requirement_change (
    id              bigserial primary key,
    requirement_id  uuid not null,
    changed_at      timestamp with time zone not null default now(),
    attempts        integer not null default 0,
    next_attempt_at timestamp with time zone not null default now(),
    claimed_until   timestamp with time zone,
    last_error      varchar(1000)
);
create index requirement_change_due_idx on requirement_change (next_attempt_at, id);

create function requirement_change_announce() returns trigger as $$
begin
    insert into requirement_change (requirement_id) values (new.id);
    perform pg_notify('requirement_changes', '');   -- delivered at commit only; repeats in one transaction fold into one
    return null;
end;
$$ language plpgsql;

create trigger requirement_change_outbox
    after insert or update on requirement
    for each row execute function requirement_change_announce();
