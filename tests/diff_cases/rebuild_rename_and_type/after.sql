-- price is renamed unit_price and becomes numeric in the same migration: SQLite renames
-- in place, then rebuilds with the new type, copying unit_price from the renamed column.
CREATE TABLE item (
    id integer PRIMARY KEY,
    sku varchar(20) NOT NULL,
    unit_price numeric(10,2),
    note varchar(100),
    CONSTRAINT uq_item_sku UNIQUE (sku),
    CONSTRAINT ck_item_sku CHECK (sku <> '')
);
CREATE INDEX ix_item_note ON item (note);
CREATE TABLE order_line (
    id integer PRIMARY KEY,
    item_id integer NOT NULL,
    qty integer NOT NULL,
    CONSTRAINT fk_order_line_item FOREIGN KEY (item_id) REFERENCES item (id) ON DELETE CASCADE
);
