-- Keys swap names, definitions unchanged: the unique constraints of author and publisher, the
-- foreign keys of book and edition, and book's two checks. PostgreSQL names a unique
-- constraint's index after it, and index names are one namespace per schema; MariaDB's foreign
-- key names are one per database; check names are one per table. Each is renamed where the
-- database can, one of each pair through a temporary name; where it cannot (MariaDB's foreign
-- keys and checks, SQLite's tables), the first step drops and the last adds.
CREATE TABLE author (
    id integer PRIMARY KEY,
    email varchar(100) NOT NULL,
    CONSTRAINT uq_b UNIQUE (email)
);
CREATE TABLE publisher (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL,
    CONSTRAINT uq_a UNIQUE (name)
);
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    pages integer,
    author_id integer,
    CONSTRAINT fk_b FOREIGN KEY (author_id) REFERENCES author (id),
    CONSTRAINT ck_b CHECK (title <> ''),
    CONSTRAINT ck_a CHECK (pages > 0)
);
CREATE TABLE edition (
    id integer PRIMARY KEY,
    publisher_id integer,
    CONSTRAINT fk_a FOREIGN KEY (publisher_id) REFERENCES publisher (id)
);
