CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
