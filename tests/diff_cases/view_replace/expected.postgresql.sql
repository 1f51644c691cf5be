DROP VIEW open_count;

DROP VIEW open_ticket;

CREATE VIEW open_ticket AS SELECT ticket.id, ticket.title, ticket.stat FROM ticket WHERE ticket.stat >= 2;

CREATE VIEW open_count AS SELECT count(*) AS n FROM open_ticket;
