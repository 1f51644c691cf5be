-- Every key and index of book keeps its definition under a new name: each is renamed where the
-- database can (nothing is checked again, and what points at a key stays), else dropped and
-- added (MariaDB's foreign keys and checks; SQLite rebuilds the table).
CREATE TABLE author (
    id integer PRIMARY KEY,
    email varchar(100) NOT NULL
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    isbn varchar(13) NOT NULL,
    author_id integer,
    CONSTRAINT uq_book_isbn UNIQUE (isbn),
    CONSTRAINT ck_book_title CHECK (title <> ''),
    CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id)
);
CREATE INDEX ix_book_title ON book (title);
