INSERT INTO entry (id, title) VALUES (3, 'New');
SELECT id, title FROM entry WHERE created_at IS NOT NULL ORDER BY id;
