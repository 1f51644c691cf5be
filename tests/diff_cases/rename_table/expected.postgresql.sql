ALTER TABLE tickets RENAME TO ticket;

ALTER TABLE ticket DROP CONSTRAINT tickets_pkey;

ALTER TABLE ticket ADD CONSTRAINT ticket_pkey PRIMARY KEY (id);
