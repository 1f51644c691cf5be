CREATE TABLE migrata_tmp_part (
    id integer NOT NULL,
    code varchar(5),
    PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_part (id, code) SELECT id, code FROM part;

DROP TABLE part;

ALTER TABLE migrata_tmp_part RENAME TO part;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('part'));

DROP TABLE migrata_tmp_foreign_key_check;
