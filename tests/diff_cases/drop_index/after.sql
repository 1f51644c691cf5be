-- The two-column index goes; the other stays.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    owner varchar(100),
    stat integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_ticket_owner ON ticket (owner);
