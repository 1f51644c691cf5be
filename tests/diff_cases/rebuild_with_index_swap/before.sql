CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL,
    born integer,
    CONSTRAINT ck_author_born CHECK (born > 0)
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE INDEX ix_a ON author (name);
CREATE INDEX ix_b ON book (title);
