-- drops column ticket.legacy_code and its data
ALTER TABLE ticket DROP COLUMN legacy_code;
