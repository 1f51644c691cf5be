CREATE TABLE part (
    id integer PRIMARY KEY,
    qty integer NOT NULL
);
