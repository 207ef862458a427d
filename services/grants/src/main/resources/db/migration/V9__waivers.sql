-- DOJ can waive a certification (as it did for California in 2018); the reason is kept.
alter table requirement add column waiver_reason varchar(1000);
