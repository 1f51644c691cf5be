SELECT id, name, born FROM author ORDER BY id;
SELECT id, title FROM book ORDER BY id;
