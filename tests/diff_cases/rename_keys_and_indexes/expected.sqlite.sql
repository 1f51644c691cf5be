CREATE TABLE migrata_tmp_book (
    id integer NOT NULL,
    title varchar(100) NOT NULL,
    isbn varchar(13) NOT NULL,
    author_id integer,
    PRIMARY KEY (id),
    CONSTRAINT uq_book_isbn UNIQUE (isbn),
    CONSTRAINT ck_book_title CHECK (title <> ''),
    CONSTRAINT fk_book_author FOREIGN KEY(author_id) REFERENCES author (id)
);

INSERT INTO migrata_tmp_book (id, title, isbn, author_id) SELECT id, title, isbn, author_id FROM book;

DROP TABLE book;

ALTER TABLE migrata_tmp_book RENAME TO book;

CREATE INDEX ix_book_title ON book (title);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('book'));

DROP TABLE migrata_tmp_foreign_key_check;
