CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat integer NOT NULL
);
COMMENT ON TABLE ticket IS 'Tickets';
COMMENT ON COLUMN ticket.stat IS 'status code';
