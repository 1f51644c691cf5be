ALTER TABLE tickets RENAME TO ticket;

ALTER TABLE ticket RENAME COLUMN stat TO status;

ALTER TABLE ticket RENAME CONSTRAINT tickets_pkey TO ticket_pkey;
