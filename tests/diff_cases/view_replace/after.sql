-- open_ticket changes (a new column, another condition); open_count, which reads it, is
-- dropped before and created again after.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat integer NOT NULL DEFAULT 0
);
CREATE VIEW open_ticket AS SELECT id, title, stat FROM ticket WHERE stat >= 2;
CREATE VIEW open_count AS SELECT count(*) AS n FROM open_ticket;
