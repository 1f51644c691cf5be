ALTER TABLE tickets RENAME TO ticket;

DROP VIEW ticket_titles;

ALTER TABLE ticket RENAME CONSTRAINT tickets_pkey TO ticket_pkey;

CREATE VIEW ticket_titles AS SELECT ticket.id, ticket.title FROM ticket;
