INSERT INTO product (id, price) VALUES (1, 25.5), (2, 9999);
