-- order_line gets a foreign key to item. SQLite rebuilds order_line, which shipment
-- references: its rows, check, index and shipment's foreign key must survive.
CREATE TABLE item (
    id integer PRIMARY KEY,
    sku varchar(20) NOT NULL,
    price varchar(20),
    note varchar(100),
    CONSTRAINT uq_item_sku UNIQUE (sku),
    CONSTRAINT ck_item_sku CHECK (sku <> '')
);
CREATE INDEX ix_item_note ON item (note);
CREATE TABLE order_line (
    id integer PRIMARY KEY,
    item_id integer NOT NULL,
    qty integer NOT NULL,
    CONSTRAINT ck_order_line_qty CHECK (qty > 0),
    CONSTRAINT fk_order_line_item FOREIGN KEY (item_id) REFERENCES item (id) ON DELETE CASCADE
);
CREATE INDEX ix_order_line_item ON order_line (item_id);
CREATE TABLE shipment (
    id integer PRIMARY KEY,
    line_id integer NOT NULL,
    CONSTRAINT fk_shipment_line FOREIGN KEY (line_id) REFERENCES order_line (id)
);
