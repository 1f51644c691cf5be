INSERT INTO part (id, qty) VALUES (3, 7);
SELECT id, qty, code FROM part ORDER BY id;
