INSERT INTO ticket (id, title) VALUES (3, 'New');
SELECT id, title, priority FROM ticket ORDER BY id;
