-- drops column entry.legacy_flag and its data
CREATE TABLE migrata_tmp_entry (
    id integer NOT NULL,
    title varchar(100) NOT NULL,
    body text NOT NULL,
    views integer DEFAULT 0,
    slug varchar(100),
    PRIMARY KEY (id),
    CONSTRAINT ck_entry_views CHECK (views >= 0)
);

INSERT INTO migrata_tmp_entry (id, title, body, views) SELECT id, title, COALESCE(body, ''), views FROM entry;

DROP TABLE entry;

ALTER TABLE migrata_tmp_entry RENAME TO entry;

CREATE INDEX ix_entry_title ON entry (title);

CREATE UNIQUE INDEX ux_entry_slug ON entry (slug);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('entry'));

DROP TABLE migrata_tmp_foreign_key_check;
