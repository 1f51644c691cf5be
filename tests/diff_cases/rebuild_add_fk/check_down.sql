SELECT l.id, l.item_id, l.qty FROM order_line l ORDER BY l.id;
SELECT s.id, l.qty FROM shipment s JOIN order_line l ON l.id = s.line_id ORDER BY s.id;
