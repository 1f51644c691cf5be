-- Both views go, the one reading the other first.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat integer NOT NULL DEFAULT 0
);
