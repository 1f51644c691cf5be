DELETE FROM item WHERE id = 7;
SELECT l.id, i.sku, l.qty FROM order_line l JOIN item i ON i.id = l.item_id ORDER BY l.id;
SELECT s.id, l.qty FROM shipment s JOIN order_line l ON l.id = s.line_id ORDER BY s.id;
