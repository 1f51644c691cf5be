CREATE TABLE migrata_tmp_book (
    id integer NOT NULL,
    title varchar(200) NOT NULL,
    isbn varchar(13) NOT NULL,
    pages integer,
    PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_book (id, title, isbn, pages) SELECT id, title, isbn, pages FROM book;

DROP TABLE book;

ALTER TABLE migrata_tmp_book RENAME TO book;

CREATE UNIQUE INDEX ix_a ON book (isbn, title);

CREATE INDEX ix_b ON book (title);

CREATE INDEX ix_c ON book (pages);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('book'));

DROP TABLE migrata_tmp_foreign_key_check;
