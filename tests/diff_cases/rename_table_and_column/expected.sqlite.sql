ALTER TABLE tickets RENAME TO ticket;

ALTER TABLE ticket RENAME COLUMN stat TO status;
