CREATE TABLE migrata_tmp_membership (
    id integer NOT NULL,
    user_id integer NOT NULL,
    group_id integer NOT NULL,
    role varchar(20) NOT NULL,
    PRIMARY KEY (user_id, group_id)
);

INSERT INTO migrata_tmp_membership (id, user_id, group_id, role) SELECT id, user_id, group_id, role FROM membership;

DROP TABLE membership;

ALTER TABLE migrata_tmp_membership RENAME TO membership;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('membership'));

DROP TABLE migrata_tmp_foreign_key_check;
