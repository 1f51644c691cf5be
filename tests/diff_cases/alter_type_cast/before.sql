CREATE TABLE part (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    quantity varchar(10)
);
