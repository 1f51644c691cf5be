CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(30) NOT NULL,
    stat integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_ticket_stat ON ticket (stat);
CREATE VIEW open_ticket AS SELECT id, title FROM ticket WHERE stat > 0;
CREATE VIEW open_count AS SELECT count(*) AS n FROM open_ticket;
