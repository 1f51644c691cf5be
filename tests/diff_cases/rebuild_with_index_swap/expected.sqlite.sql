DROP INDEX ix_a;

DROP INDEX ix_b;

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

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('author'));

DROP TABLE migrata_tmp_foreign_key_check;
