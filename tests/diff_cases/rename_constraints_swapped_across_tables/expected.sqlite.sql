CREATE TABLE migrata_tmp_publisher (
    id integer NOT NULL,
    name varchar(100) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_a UNIQUE (name)
);

INSERT INTO migrata_tmp_publisher (id, name) SELECT id, name FROM publisher;

DROP TABLE publisher;

ALTER TABLE migrata_tmp_publisher RENAME TO publisher;

CREATE TABLE migrata_tmp_author (
    id integer NOT NULL,
    email varchar(100) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_b UNIQUE (email)
);

INSERT INTO migrata_tmp_author (id, email) SELECT id, email FROM author;

DROP TABLE author;

ALTER TABLE migrata_tmp_author RENAME TO author;

CREATE TABLE migrata_tmp_edition (
    id integer NOT NULL,
    publisher_id integer,
    PRIMARY KEY (id),
    CONSTRAINT fk_a FOREIGN KEY(publisher_id) REFERENCES publisher (id)
);

INSERT INTO migrata_tmp_edition (id, publisher_id) SELECT id, publisher_id FROM edition;

DROP TABLE edition;

ALTER TABLE migrata_tmp_edition RENAME TO edition;

CREATE TABLE migrata_tmp_book (
    id integer NOT NULL,
    title varchar(100) NOT NULL,
    pages integer,
    author_id integer,
    PRIMARY KEY (id),
    CONSTRAINT ck_a CHECK (pages > 0),
    CONSTRAINT ck_b CHECK (title <> ''),
    CONSTRAINT fk_b FOREIGN KEY(author_id) REFERENCES author (id)
);

INSERT INTO migrata_tmp_book (id, title, pages, author_id) SELECT id, title, pages, author_id FROM book;

DROP TABLE book;

ALTER TABLE migrata_tmp_book RENAME TO book;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('author') UNION ALL SELECT * FROM pragma_foreign_key_check('book') UNION ALL SELECT * FROM pragma_foreign_key_check('edition') UNION ALL SELECT * FROM pragma_foreign_key_check('publisher'));

DROP TABLE migrata_tmp_foreign_key_check;
