-- In-kind programs (the Public Safety Partnership gives training, not money) have awards of zero.
alter table award drop constraint award_amount_positive;
alter table award add constraint award_amount_not_negative check (amount >= 0);
