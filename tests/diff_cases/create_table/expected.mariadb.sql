CREATE TABLE book (
    id integer NOT NULL,
    title varchar(100) NOT NULL,
    isbn varchar(13) NOT NULL,
    pages integer NOT NULL DEFAULT 0,
    author_id integer,
    PRIMARY KEY (id),
    CONSTRAINT uq_book_isbn UNIQUE (isbn),
    CONSTRAINT ck_book_pages CHECK (`pages` >= 0),
    CONSTRAINT fk_book_author FOREIGN KEY(author_id) REFERENCES author (id)
);

CREATE INDEX ix_book_title ON book (title);
