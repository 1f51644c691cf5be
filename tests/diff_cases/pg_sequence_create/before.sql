CREATE TABLE invoice (
    id integer PRIMARY KEY,
    customer varchar(50) NOT NULL
);
