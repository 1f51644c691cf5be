INSERT INTO entry (id, title, body, slug) VALUES (3, 'New', 'Third', 'new');
SELECT id, title, body, views, slug FROM entry ORDER BY id;
