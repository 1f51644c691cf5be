-- price becomes numeric: SQLite rebuilds item, and every row, its unique and check
-- constraints, its index and order_line's foreign key (with its cascade) must survive.
CREATE TABLE item (
    id integer PRIMARY KEY,
    sku varchar(20) NOT NULL,
    price numeric(10,2),
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
