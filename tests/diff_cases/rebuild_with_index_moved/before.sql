CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    pages integer,
    CONSTRAINT ck_book_pages CHECK (pages > 0)
);
CREATE INDEX ix_x ON book (title);
