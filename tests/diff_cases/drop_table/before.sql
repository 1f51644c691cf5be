CREATE TABLE author (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE legacy_note (
    id integer PRIMARY KEY,
    author_id integer NOT NULL,
    note text,
    CONSTRAINT fk_legacy_note_author FOREIGN KEY (author_id) REFERENCES author (id)
);
CREATE INDEX ix_legacy_note_author ON legacy_note (author_id);
