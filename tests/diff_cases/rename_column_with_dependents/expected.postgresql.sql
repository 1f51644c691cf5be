ALTER TABLE ticket RENAME COLUMN stat TO status;

DROP VIEW open_ticket;

CREATE VIEW open_ticket AS SELECT ticket.id, ticket.title, ticket.status FROM ticket WHERE ticket.status > 0;
