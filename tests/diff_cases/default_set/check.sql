INSERT INTO ticket (id, title) VALUES (3, 'Slow');
SELECT id, title, stat FROM ticket ORDER BY id;
