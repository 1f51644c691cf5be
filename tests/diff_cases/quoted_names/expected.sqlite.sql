ALTER TABLE user RENAME COLUMN "group" TO role;

CREATE TABLE migrata_tmp_user (
    id integer NOT NULL,
    role varchar(20) NOT NULL,
    "Display Name" varchar(80),
    "order" integer NOT NULL,
    PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_user (id, role, "Display Name", "order") SELECT id, role, "Display Name", 0 FROM user;

DROP TABLE user;

ALTER TABLE migrata_tmp_user RENAME TO user;

CREATE INDEX ix_user_group ON user (role);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('user'));

DROP TABLE migrata_tmp_foreign_key_check;
