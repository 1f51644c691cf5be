INSERT INTO part (id, name, quantity) VALUES (1, 'bolt', '120'), (2, 'nut', '7'), (3, 'washer', NULL);
