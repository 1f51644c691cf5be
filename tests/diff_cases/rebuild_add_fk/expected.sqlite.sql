CREATE TABLE migrata_tmp_order_line (
    id integer NOT NULL,
    item_id integer NOT NULL,
    qty integer NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_order_line_qty CHECK (qty > 0),
    CONSTRAINT fk_order_line_item FOREIGN KEY(item_id) REFERENCES item (id) ON DELETE CASCADE
);

INSERT INTO migrata_tmp_order_line (id, item_id, qty) SELECT id, item_id, qty FROM order_line;

DROP TABLE order_line;

ALTER TABLE migrata_tmp_order_line RENAME TO order_line;

CREATE INDEX ix_order_line_item ON order_line (item_id);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('order_line') UNION ALL SELECT * FROM pragma_foreign_key_check('shipment'));

DROP TABLE migrata_tmp_foreign_key_check;
