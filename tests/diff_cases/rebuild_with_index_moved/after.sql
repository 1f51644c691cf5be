-- The name ix_x passes from an index on book to a new one on author while book's check
-- changes. SQLite rebuilds book, and the rebuild takes in the drop of book's ix_x, but
-- author's index, created before the rebuild runs, needs the name free (index names are one
-- namespace for the whole schema).
CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    pages integer,
    CONSTRAINT ck_book_pages CHECK (pages > 10)
);
CREATE INDEX ix_x ON author (name);
