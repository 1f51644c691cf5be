CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat integer NOT NULL DEFAULT 0
);
CREATE VIEW open_ticket AS SELECT id, title FROM ticket WHERE stat > 0;
CREATE VIEW open_count AS SELECT count(*) AS n FROM open_ticket;
