ALTER TABLE tickets RENAME TO ticket;

DROP VIEW ticket_titles;

ALTER TABLE ticket DROP CONSTRAINT tickets_pkey;

ALTER TABLE ticket ADD CONSTRAINT ticket_pkey PRIMARY KEY (id);

CREATE VIEW ticket_titles AS SELECT ticket.id, ticket.title FROM ticket;
