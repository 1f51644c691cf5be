CREATE TABLE migrata_tmp_entry (
    id integer NOT NULL,
    title varchar(30) NOT NULL,
    body text NOT NULL,
    pub_date date NOT NULL,
    PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_entry (id, title, body, pub_date) SELECT id, title, body, '2000-01-01' FROM entry;

DROP TABLE entry;

ALTER TABLE migrata_tmp_entry RENAME TO entry;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('entry'));

DROP TABLE migrata_tmp_foreign_key_check;
