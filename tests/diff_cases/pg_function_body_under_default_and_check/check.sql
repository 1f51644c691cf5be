INSERT INTO part (id, qty) VALUES (3, 4000);
SELECT id, qty, code FROM part ORDER BY id;
