INSERT INTO product (id, name, price, discount) VALUES (3, 'gift', 10, 100);
SELECT id, name, price, discount FROM product ORDER BY id;
