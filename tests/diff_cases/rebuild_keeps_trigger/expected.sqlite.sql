CREATE TABLE migrata_tmp_stock (
    id integer NOT NULL,
    sku varchar(20) NOT NULL,
    qty integer,
    PRIMARY KEY (id)
);

INSERT INTO migrata_tmp_stock (id, sku, qty) SELECT id, sku, qty FROM stock;

DROP TABLE stock;

ALTER TABLE migrata_tmp_stock RENAME TO stock;

create trigger trg_stock_audit after update on stock begin insert into audit(msg) values (new.sku || ' now ' || new.qty); end;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('stock'));

DROP TABLE migrata_tmp_foreign_key_check;
