SELECT id, sku, price, note FROM item ORDER BY id;
