-- A partial index and a partial unique index (MariaDB has no partial indexes).
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    owner varchar(100),
    stat integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_ticket_open ON ticket (owner) WHERE stat > 0;
CREATE UNIQUE INDEX ux_ticket_open_title ON ticket (title) WHERE stat <> 0;
