PRAGMA foreign_keys = ON;
SELECT id, sku, price, note FROM item ORDER BY id;
DELETE FROM item WHERE id = 7;
SELECT l.id, i.sku, l.qty FROM order_line l JOIN item i ON i.id = l.item_id ORDER BY l.id;
SELECT count(*) FROM order_line;
