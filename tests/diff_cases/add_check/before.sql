CREATE TABLE product (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    price numeric(10,2) NOT NULL,
    discount integer NOT NULL DEFAULT 0
);
