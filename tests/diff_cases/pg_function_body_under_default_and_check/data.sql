INSERT INTO part (id, qty) VALUES (1, 5), (2, 999);
