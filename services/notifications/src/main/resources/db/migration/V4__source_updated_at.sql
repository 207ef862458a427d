-- When the grants service last changed each requirement, as its feed said: planning from a reading
-- older than the one already applied is skipped, so a poll page read before a change cannot undo
-- what the change announcement (POST /api/reminders/changes) planned after it.
alter table tracked_requirement add column source_updated_at timestamp with time zone;
