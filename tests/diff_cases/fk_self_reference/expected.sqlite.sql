CREATE TABLE migrata_tmp_category (
    id integer NOT NULL,
    name varchar(50) NOT NULL,
    parent_id integer,
    PRIMARY KEY (id),
    CONSTRAINT fk_category_parent FOREIGN KEY(parent_id) REFERENCES category (id) ON DELETE CASCADE
);

INSERT INTO migrata_tmp_category (id, name) SELECT id, name FROM category;

DROP TABLE category;

ALTER TABLE migrata_tmp_category RENAME TO category;

CREATE INDEX ix_category_parent ON category (parent_id);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('category'));

DROP TABLE migrata_tmp_foreign_key_check;
