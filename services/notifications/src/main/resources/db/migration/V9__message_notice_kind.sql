-- What a conversation notice is to its recipients: a message someone wrote, or a demand's reminder,
-- late notice or escalation that GrantLine posted (chosen like a certification's notice of that kind;
-- an escalation cannot be declined). Notices stored before are messages.
ALTER TABLE message_notice ADD COLUMN notice_kind VARCHAR(20) NOT NULL DEFAULT 'MESSAGE';
