CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
