-- Both tables of the cycle go: the foreign key that closes it is dropped first.
CREATE TABLE company (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
