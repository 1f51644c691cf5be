CREATE TABLE migrata_tmp_item (
    id integer NOT NULL,
    sku varchar(20) NOT NULL,
    price numeric(10,2),
    note varchar(100),
    PRIMARY KEY (id),
    CONSTRAINT uq_item_sku UNIQUE (sku),
    CONSTRAINT ck_item_sku CHECK (sku <> '')
);

INSERT INTO migrata_tmp_item (id, sku, price, note) SELECT id, sku, price, note FROM item;

DROP TABLE item;

ALTER TABLE migrata_tmp_item RENAME TO item;

CREATE INDEX ix_item_note ON item (note);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('item') UNION ALL SELECT * FROM pragma_foreign_key_check('order_line'));

DROP TABLE migrata_tmp_foreign_key_check;
