SELECT id, name, price, discount FROM product ORDER BY id;
