-- The two indexes swap names across tables, their definitions unchanged: each is renamed. On
-- PostgreSQL and SQLite index names are one namespace for the whole schema, so the first
-- rename would take a name the other index still holds: one goes through a temporary name.
CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE INDEX ix_b ON author (name);
CREATE INDEX ix_a ON book (title);
