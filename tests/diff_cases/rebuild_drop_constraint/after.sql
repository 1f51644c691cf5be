-- item loses its unique and check constraints (SQLite: a rebuild); the rows, the index and
-- the foreign key pointing at item stay.
CREATE TABLE item (
    id integer PRIMARY KEY,
    sku varchar(20) NOT NULL,
    price varchar(20),
    note varchar(100)
);
CREATE INDEX ix_item_note ON item (note);
CREATE TABLE order_line (
    id integer PRIMARY KEY,
    item_id integer NOT NULL,
    qty integer NOT NULL,
    CONSTRAINT fk_order_line_item FOREIGN KEY (item_id) REFERENCES item (id) ON DELETE CASCADE
);
