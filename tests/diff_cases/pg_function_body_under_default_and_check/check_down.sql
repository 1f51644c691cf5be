-- P-103: the check after the up SQL took P-102 (a sequence is not rolled back).
INSERT INTO part (id, qty) VALUES (3, 7);
SELECT id, qty, code FROM part ORDER BY id;
SELECT is_sane(4000);
