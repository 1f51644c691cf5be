DROP INDEX ix_ticket_code;

ALTER TABLE ticket DROP CONSTRAINT uq_ticket_title_code;

-- drops column ticket.legacy_code and its data
ALTER TABLE ticket DROP COLUMN legacy_code;
