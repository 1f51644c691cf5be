-- tickets becomes ticket; the index keeps its name.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_tickets_stat ON ticket (stat);
