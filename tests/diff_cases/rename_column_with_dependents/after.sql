-- stat becomes status under a check constraint, a partial index, a two-column index and a
-- view: the database rewrites the first three itself; the view is created again.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    status integer NOT NULL DEFAULT 0,
    CONSTRAINT ck_ticket_stat CHECK (status BETWEEN 0 AND 5)
);
CREATE INDEX ix_ticket_open ON ticket (title) WHERE status > 0;
CREATE INDEX ix_ticket_stat ON ticket (status, title);
CREATE VIEW open_ticket AS SELECT id, title, status FROM ticket WHERE status > 0;
