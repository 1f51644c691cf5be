-- The two indexes swap names across tables while both tables are rebuilt on SQLite (author's
-- check changes, book's title widens): each rebuild takes in its table's renames, so each old
-- name must be freed before the other table's new index takes it.
CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL,
    born integer,
    CONSTRAINT ck_author_born CHECK (born > 1000)
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(200) NOT NULL
);
CREATE INDEX ix_b ON author (name);
CREATE INDEX ix_a ON book (title);
