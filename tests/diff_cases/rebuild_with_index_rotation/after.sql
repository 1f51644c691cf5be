-- Three index names pass round across two tables (author's ix_a to ix_b, book's ix_b to ix_c
-- and ix_c to ix_a) while book's title widens, which SQLite does by rebuilding book: book's
-- renames happen in the rebuild, and ix_b must still be free when author's index takes it.
CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(200) NOT NULL,
    pages integer
);
CREATE INDEX ix_b ON author (name);
CREATE INDEX ix_c ON book (title);
CREATE INDEX ix_a ON book (pages);
