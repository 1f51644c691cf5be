DROP INDEX ix_x;

CREATE INDEX ix_x ON author (name);

CREATE TABLE migrata_tmp_book (
    id integer NOT NULL,
    title varchar(100) NOT NULL,
    pages integer,
    PRIMARY KEY (id),
    CONSTRAINT ck_book_pages CHECK (pages > 10)
);

INSERT INTO migrata_tmp_book (id, title, pages) SELECT id, title, pages FROM book;

DROP TABLE book;

ALTER TABLE migrata_tmp_book RENAME TO book;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('book'));

DROP TABLE migrata_tmp_foreign_key_check;
