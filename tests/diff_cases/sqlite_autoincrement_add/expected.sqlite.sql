CREATE TABLE migrata_tmp_ticket (
    id integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    title varchar(100) NOT NULL
);

INSERT INTO migrata_tmp_ticket (id, title) SELECT id, title FROM ticket;

DROP TABLE ticket;

ALTER TABLE migrata_tmp_ticket RENAME TO ticket;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('ticket'));

DROP TABLE migrata_tmp_foreign_key_check;
