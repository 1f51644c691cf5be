-- The column goes, and with it the enum type nothing uses any more.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
