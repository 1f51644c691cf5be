SELECT id, title FROM entry ORDER BY id;
