INSERT INTO stock (id, sku, qty) VALUES (1, 'A-1', '5'), (2, 'B-2', NULL);
