CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat integer NOT NULL DEFAULT 0,
    CONSTRAINT ck_ticket_stat CHECK (stat BETWEEN 0 AND 5)
);
CREATE INDEX ix_ticket_open ON ticket (title) WHERE stat > 0;
CREATE INDEX ix_ticket_stat ON ticket (stat, title);
CREATE VIEW open_ticket AS SELECT id, title, stat FROM ticket WHERE stat > 0;
