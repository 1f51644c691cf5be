-- drops column setting.note and its data
CREATE TABLE migrata_tmp_setting (
    "key" text NOT NULL,
    value text NOT NULL,
    PRIMARY KEY ("key")
)
 WITHOUT ROWID;

INSERT INTO migrata_tmp_setting ("key", value) SELECT "key", value FROM setting;

DROP TABLE setting;

ALTER TABLE migrata_tmp_setting RENAME TO setting;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('setting'));

DROP TABLE migrata_tmp_foreign_key_check;
