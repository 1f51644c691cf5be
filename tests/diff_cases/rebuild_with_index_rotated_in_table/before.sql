CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    isbn varchar(13) NOT NULL,
    pages integer
);
CREATE INDEX ix_a ON book (title);
CREATE INDEX ix_b ON book (pages);
CREATE UNIQUE INDEX ix_c ON book (isbn, title);
