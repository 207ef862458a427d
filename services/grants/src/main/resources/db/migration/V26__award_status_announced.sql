-- An award's move to another status reaches the reminders too (an award declined, expired, clawed
-- back or closed owes nothing more, so its requirements' reminders stop): the move touches each of
-- its requirements' updated_at in the same transaction, so the requirement outbox (V19) announces
-- them at commit and the feed's updatedSince poll, the safety net, sees them as changed.
create function award_status_announce() returns trigger as $$
begin
    if new.status is distinct from old.status then
        update requirement set updated_at = clock_timestamp() where award_id = new.id;
    end if;
    return null;
end;
$$ language plpgsql;

create trigger award_status_outbox
    after update on award
    for each row execute function award_status_announce();
