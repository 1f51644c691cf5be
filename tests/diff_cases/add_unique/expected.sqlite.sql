CREATE TABLE migrata_tmp_app_user (
    id integer NOT NULL,
    email varchar(100) NOT NULL,
    tenant integer NOT NULL,
    login varchar(30) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_app_user_email UNIQUE (email),
    CONSTRAINT uq_app_user_tenant_login UNIQUE (tenant, login)
);

INSERT INTO migrata_tmp_app_user (id, email, tenant, login) SELECT id, email, tenant, login FROM app_user;

DROP TABLE app_user;

ALTER TABLE migrata_tmp_app_user RENAME TO app_user;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('app_user'));

DROP TABLE migrata_tmp_foreign_key_check;
