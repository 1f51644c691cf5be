-- stat becomes status; the index follows the column.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    status integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_ticket_stat ON ticket (status);
