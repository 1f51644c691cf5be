SELECT id, title, body FROM entry ORDER BY id;
