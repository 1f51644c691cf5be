-- A NOT NULL column with a lasting default: existing rows take the default, nothing to ask.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    priority integer NOT NULL DEFAULT 3
);
