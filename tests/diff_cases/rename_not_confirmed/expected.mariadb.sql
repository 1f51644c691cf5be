DROP INDEX ix_ticket_stat ON ticket;

ALTER TABLE ticket ADD COLUMN status integer NOT NULL DEFAULT 0;

-- drops column ticket.stat and its data
ALTER TABLE ticket DROP COLUMN stat;

CREATE INDEX ix_ticket_stat ON ticket (status);
