-- The compliance map is computed in the database: each jurisdiction's county (its own FIPS when it is
-- a county, its parent's when it is a city in one), recorded when an award is made to it. Requirements
-- made before this migration keep their state but have no county until the jurisdiction's next award.
create table jurisdiction_county (
    jurisdiction_id  uuid primary key,
    county_fips      varchar(5) not null,
    updated_at       timestamp with time zone not null
);
