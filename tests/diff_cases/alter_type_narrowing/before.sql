CREATE TABLE part (
    id integer PRIMARY KEY,
    code bigint
);
