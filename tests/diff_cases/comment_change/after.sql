-- The table comment changes, one column comment is dropped and another added.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat integer NOT NULL
);
COMMENT ON TABLE ticket IS 'Support tickets';
COMMENT ON COLUMN ticket.title IS 'one line summary';
