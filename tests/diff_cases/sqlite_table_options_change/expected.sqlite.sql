CREATE TABLE migrata_tmp_tag (
    name text NOT NULL,
    uses integer DEFAULT 0 NOT NULL,
    PRIMARY KEY (name)
)
 WITHOUT ROWID,
 STRICT;

INSERT INTO migrata_tmp_tag (name, uses) SELECT name, uses FROM tag;

DROP TABLE tag;

ALTER TABLE migrata_tmp_tag RENAME TO tag;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('tag'));

DROP TABLE migrata_tmp_foreign_key_check;
