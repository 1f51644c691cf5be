CREATE TABLE migrata_tmp_entry (
    id integer NOT NULL,
    title varchar(100) NOT NULL,
    created_at timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_entry (id, title) SELECT id, title FROM entry;

DROP TABLE entry;

ALTER TABLE migrata_tmp_entry RENAME TO entry;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('entry'));

DROP TABLE migrata_tmp_foreign_key_check;
