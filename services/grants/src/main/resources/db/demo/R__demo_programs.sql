-- Demo data for the embedded default only (repeatable, idempotent). Condition texts summarise the
-- FY2017 conditions in our own words.
insert into program (id, code, name, agency, description, created_at, updated_at) values
 ('0f7e1c2a-0000-4000-8000-00000000a001', 'BYRNE-JAG', 'Edward Byrne Memorial Justice Assistance Grant', 'BJA',
  'Formula grants to states and local governments for criminal justice.', current_timestamp, current_timestamp),
 ('0f7e1c2a-0000-4000-8000-00000000a002', 'PSP', 'Public Safety Partnership', 'BJA',
  'Training and technical assistance for cities with high violent crime.', current_timestamp, current_timestamp),
 ('0f7e1c2a-0000-4000-8000-00000000a003', 'COPS-HIRING', 'COPS Hiring Program', 'COPS Office', null, current_timestamp, current_timestamp),
 ('0f7e1c2a-0000-4000-8000-00000000a004', 'SCAAP', 'State Criminal Alien Assistance Program', 'BJA', null, current_timestamp, current_timestamp)
on conflict do nothing;

insert into solicitation (id, program_id, fiscal_year, kind, title, application_due, created_at) values
 ('0f7e1c2a-0000-4000-8000-00000000b001', '0f7e1c2a-0000-4000-8000-00000000a001', 2017, 'STATE',
  'FY2017 Byrne JAG State Solicitation', DATE '2017-08-25', current_timestamp),
 ('0f7e1c2a-0000-4000-8000-00000000b002', '0f7e1c2a-0000-4000-8000-00000000a001', 2017, 'LOCAL',
  'FY2017 Byrne JAG Local Solicitation', DATE '2017-09-05', current_timestamp)
on conflict do nothing;

insert into grant_condition (id, program_id, fiscal_year, code, title, full_text, needs_certification, signer_role,
                             created_at, updated_at, version) values
 ('0f7e1c2a-0000-4000-8000-00000000c001', '0f7e1c2a-0000-4000-8000-00000000a001', 2017, '1373',
  'Certification of compliance with 8 U.S.C. 1373',
  'The recipient''s chief legal officer certifies, under penalty of perjury, that the jurisdiction does not restrict its officials from sending to or receiving from federal immigration authorities information about anyone''s citizenship or immigration status. The Office of Justice Programs relies on the certification as a material representation.',
  true, 'LEGAL_OFFICER', current_timestamp, current_timestamp, 0),
 ('0f7e1c2a-0000-4000-8000-00000000c002', '0f7e1c2a-0000-4000-8000-00000000a001', 2017, 'ACCESS',
  'Access to detention facilities',
  'The recipient has a policy that lets federal immigration agents enter its detention facilities to meet with individuals believed to be aliens and ask about their right to be or remain in the United States.',
  false, null, current_timestamp, current_timestamp, 0),
 ('0f7e1c2a-0000-4000-8000-00000000c003', '0f7e1c2a-0000-4000-8000-00000000a001', 2017, 'NOTICE',
  '48 hours'' notice before release',
  'The recipient has a policy of honouring a formal request from the Department of Homeland Security for notice of a detained alien''s scheduled release date and time, given as early as practicable and at least 48 hours ahead.',
  false, null, current_timestamp, current_timestamp, 0),
 ('0f7e1c2a-0000-4000-8000-00000000c004', '0f7e1c2a-0000-4000-8000-00000000a002', 2017, 'ACCESS',
  'Access to detention facilities',
  'The city answers whether federal immigration agents may enter the facilities where its arrestees are held to meet with individuals believed to be aliens.',
  true, 'JURISDICTION_OFFICIAL', current_timestamp, current_timestamp, 0),
 ('0f7e1c2a-0000-4000-8000-00000000c005', '0f7e1c2a-0000-4000-8000-00000000a002', 2017, 'NOTICE',
  '48 hours'' notice before release',
  'The city answers whether the facilities where its arrestees are held give federal immigration authorities 48 hours'' notice before releasing a detained alien they asked about.',
  true, 'JURISDICTION_OFFICIAL', current_timestamp, current_timestamp, 0)
on conflict do nothing;
