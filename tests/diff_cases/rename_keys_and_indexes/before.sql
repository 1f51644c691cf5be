CREATE TABLE author (
    id integer PRIMARY KEY,
    email varchar(100) NOT NULL
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    isbn varchar(13) NOT NULL,
    author_id integer,
    CONSTRAINT uq_isbn UNIQUE (isbn),
    CONSTRAINT ck_title CHECK (title <> ''),
    CONSTRAINT fk_author FOREIGN KEY (author_id) REFERENCES author (id)
);
CREATE INDEX ix_title ON book (title);
