DROP INDEX ix_a;

DROP INDEX ix_b;

CREATE TABLE migrata_tmp_book (
    id integer NOT NULL,
    title varchar(200) NOT NULL,
    PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_book (id, title) SELECT id, title FROM book;

DROP TABLE book;

ALTER TABLE migrata_tmp_book RENAME TO book;

CREATE INDEX ix_a ON book (title);

CREATE TABLE migrata_tmp_author (
    id integer NOT NULL,
    name varchar(100) NOT NULL,
    born integer,
    PRIMARY KEY (id),
    CONSTRAINT ck_author_born CHECK (born > 1000)
);

INSERT INTO migrata_tmp_author (id, name, born) SELECT id, name, born FROM author;

DROP TABLE author;

ALTER TABLE migrata_tmp_author RENAME TO author;

CREATE INDEX ix_b ON author (name);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('author') UNION ALL SELECT * FROM pragma_foreign_key_check('book'));

DROP TABLE migrata_tmp_foreign_key_check;
