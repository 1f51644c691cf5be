-- legacy_note goes, with its rows, its index and its foreign key.
CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
