CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    pages integer
);
CREATE INDEX ix_a ON author (name);
CREATE INDEX ix_b ON book (title);
CREATE INDEX ix_c ON book (pages);
