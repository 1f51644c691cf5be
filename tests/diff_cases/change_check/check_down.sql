SELECT id, price FROM product ORDER BY id;
