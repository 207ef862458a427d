-- Demo data for the embedded default only (repeatable, idempotent).
insert into program (id, code, name, agency, created_at) values
 ('0f7e1c2a-0000-4000-8000-00000000a001', 'BYRNE-JAG', 'Edward Byrne Memorial Justice Assistance Grant', 'BJA', current_timestamp),
 ('0f7e1c2a-0000-4000-8000-00000000a002', 'PSP', 'Public Safety Partnership', 'BJA', current_timestamp),
 ('0f7e1c2a-0000-4000-8000-00000000a003', 'COPS-HIRING', 'COPS Hiring Program', 'COPS Office', current_timestamp),
 ('0f7e1c2a-0000-4000-8000-00000000a004', 'SCAAP', 'State Criminal Alien Assistance Program', 'BJA', current_timestamp)
on conflict do nothing;
