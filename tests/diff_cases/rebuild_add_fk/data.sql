INSERT INTO item (id, sku, price, note) VALUES
    (1, 'A-1', '12.50', 'café'),
    (2, 'B-2', NULL, NULL),
    (3, 'C-3', '0.99', 'it''s'),
    (7, 'D-7', '100', 'a gap in the ids');
INSERT INTO order_line (id, item_id, qty) VALUES (1, 1, 2), (2, 3, 1), (3, 7, 5);
INSERT INTO shipment (id, line_id) VALUES (1, 1), (2, 2);
