-- The two indexes swap names across tables while author's check changes: SQLite rebuilds
-- author, and the rebuild takes in author's renames, so ix_a must still be freed at the point
-- where book's index takes it (index names are one namespace for the whole schema).
CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL,
    born integer,
    CONSTRAINT ck_author_born CHECK (born > 1000)
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE INDEX ix_b ON author (name);
CREATE INDEX ix_a ON book (title);
