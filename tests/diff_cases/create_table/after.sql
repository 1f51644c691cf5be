-- A new table with a default, a unique constraint, a check, an index and a foreign key.
CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    isbn varchar(13) NOT NULL,
    pages integer NOT NULL DEFAULT 0,
    author_id integer,
    CONSTRAINT uq_book_isbn UNIQUE (isbn),
    CONSTRAINT ck_book_pages CHECK (pages >= 0),
    CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id)
);
CREATE INDEX ix_book_title ON book (title);
