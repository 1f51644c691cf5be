CREATE TABLE author (
    id integer PRIMARY KEY,
    email varchar(100) NOT NULL,
    CONSTRAINT uq_a UNIQUE (email)
);
CREATE TABLE publisher (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL,
    CONSTRAINT uq_b UNIQUE (name)
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    pages integer,
    author_id integer,
    CONSTRAINT fk_a FOREIGN KEY (author_id) REFERENCES author (id),
    CONSTRAINT ck_a CHECK (title <> ''),
    CONSTRAINT ck_b CHECK (pages > 0)
);
CREATE TABLE edition (
    id integer PRIMARY KEY,
    publisher_id integer,
    CONSTRAINT fk_b FOREIGN KEY (publisher_id) REFERENCES publisher (id)
);
