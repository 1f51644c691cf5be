CREATE TABLE migrata_tmp_account (
    id bigint NOT NULL,
    name varchar(50) NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_account (id, name) SELECT id, name FROM account;

DROP TABLE account;

ALTER TABLE migrata_tmp_account RENAME TO account;

CREATE TABLE migrata_tmp_invoice (
    id integer NOT NULL,
    account_id bigint NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_invoice_account FOREIGN KEY(account_id) REFERENCES account (id)
);

INSERT INTO migrata_tmp_invoice (id, account_id) SELECT id, account_id FROM invoice;

DROP TABLE invoice;

ALTER TABLE migrata_tmp_invoice RENAME TO invoice;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('account') UNION ALL SELECT * FROM pragma_foreign_key_check('invoice'));

DROP TABLE migrata_tmp_foreign_key_check;
