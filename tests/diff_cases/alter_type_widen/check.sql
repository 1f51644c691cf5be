INSERT INTO entry (id, title) VALUES (3, 'A title that is much longer than the thirty characters of before');
SELECT id, title, body FROM entry ORDER BY id;
