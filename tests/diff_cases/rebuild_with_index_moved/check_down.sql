SELECT id, name FROM author ORDER BY id;
SELECT id, title, pages FROM book ORDER BY id;
