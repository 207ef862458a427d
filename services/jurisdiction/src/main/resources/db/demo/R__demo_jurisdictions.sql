-- Demo data for the embedded default only (repeatable, idempotent). Baltimore's id is the one the gateway's demo
-- officials are bound to (grantline.demo.jurisdiction-id).
insert into jurisdiction (id, name, type, state, fips, time_zone, created_at, updated_at, version) values
 ('7a0c5d3e-0000-4000-8000-000000000024', 'Maryland', 'STATE', 'MD', '24', 'America/New_York', current_timestamp, current_timestamp, 0),
 ('7a0c5d3e-0000-4000-8000-000024040000', 'Baltimore', 'CITY', 'MD', '2404000', 'America/New_York', current_timestamp, current_timestamp, 0),
 ('7a0c5d3e-0000-4000-8000-000000000006', 'California', 'STATE', 'CA', '06', 'America/Los_Angeles', current_timestamp, current_timestamp, 0),
 ('7a0c5d3e-0000-4000-8000-000000006071', 'San Bernardino County', 'COUNTY', 'CA', '06071', 'America/Los_Angeles', current_timestamp, current_timestamp, 0),
 ('7a0c5d3e-0000-4000-8000-000006650000', 'San Bernardino', 'CITY', 'CA', '0665000', 'America/Los_Angeles', current_timestamp, current_timestamp, 0),
 ('7a0c5d3e-0000-4000-8000-000006750000', 'Stockton', 'CITY', 'CA', '0675000', 'America/Los_Angeles', current_timestamp, current_timestamp, 0),
 ('7a0c5d3e-0000-4000-8000-000000000035', 'New Mexico', 'STATE', 'NM', '35', 'America/Denver', current_timestamp, current_timestamp, 0),
 ('7a0c5d3e-0000-4000-8000-000035020000', 'Albuquerque', 'CITY', 'NM', '3502000', 'America/Denver', current_timestamp, current_timestamp, 0)
on conflict do nothing;
