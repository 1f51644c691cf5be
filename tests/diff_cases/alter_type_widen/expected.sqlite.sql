CREATE TABLE migrata_tmp_entry (
    id integer NOT NULL,
    title varchar(200) NOT NULL,
    body text,
    PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_entry (id, title, body) SELECT id, title, body FROM entry;

DROP TABLE entry;

ALTER TABLE migrata_tmp_entry RENAME TO entry;

CREATE INDEX ix_entry_title ON entry (title);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('entry'));

DROP TABLE migrata_tmp_foreign_key_check;
