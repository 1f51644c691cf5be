DROP VIEW open_count;

DROP VIEW open_ticket;

ALTER TABLE ticket ALTER COLUMN title TYPE varchar(200);

CREATE VIEW open_ticket AS SELECT ticket.id, ticket.title FROM ticket WHERE ticket.stat > 0;

CREATE VIEW open_count AS SELECT count(*) AS n FROM open_ticket;
