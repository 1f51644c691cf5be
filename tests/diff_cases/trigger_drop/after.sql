-- The audit trigger goes.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE TABLE audit (
    msg varchar(200) NOT NULL
);
