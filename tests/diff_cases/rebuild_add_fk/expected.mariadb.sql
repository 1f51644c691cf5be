ALTER TABLE order_line ADD CONSTRAINT fk_order_line_item FOREIGN KEY(item_id) REFERENCES item (id) ON DELETE CASCADE;
