-- stat becomes status under a check constraint, a two-column index and a view (MariaDB has
-- no partial index): the database rewrites the first two itself; the view is created again.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    status integer NOT NULL DEFAULT 0,
    CONSTRAINT ck_ticket_stat CHECK (status BETWEEN 0 AND 5)
);
CREATE INDEX ix_ticket_stat ON ticket (status, title);
CREATE VIEW open_ticket AS SELECT id, title, status FROM ticket WHERE status > 0;
