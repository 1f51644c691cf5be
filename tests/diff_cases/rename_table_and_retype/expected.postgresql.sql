ALTER TABLE tickets RENAME TO ticket;

ALTER TABLE ticket RENAME CONSTRAINT tickets_pkey TO ticket_pkey;

ALTER TABLE ticket ALTER COLUMN title TYPE varchar(200);
