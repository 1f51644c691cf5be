UPDATE stock SET qty = qty + 1 WHERE id = 1;
SELECT id, sku, qty FROM stock ORDER BY id;
SELECT msg FROM audit;
