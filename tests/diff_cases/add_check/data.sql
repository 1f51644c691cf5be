INSERT INTO product (id, name, price, discount) VALUES (1, 'kettle', 25.50, 10), (2, 'mug', 4, 0);
