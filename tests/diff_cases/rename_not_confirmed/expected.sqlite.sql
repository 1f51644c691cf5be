DROP INDEX ix_ticket_stat;

ALTER TABLE ticket ADD COLUMN status integer DEFAULT 0 NOT NULL;

-- drops column ticket.stat and its data
ALTER TABLE ticket DROP COLUMN stat;

CREATE INDEX ix_ticket_stat ON ticket (status);
