-- quantity was text holding digits; it becomes an integer (PostgreSQL needs a USING cast).
CREATE TABLE part (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    quantity integer
);
