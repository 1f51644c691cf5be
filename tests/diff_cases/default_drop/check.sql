INSERT INTO ticket (id, title, stat) VALUES (3, 'Slow', 'open');
SELECT id, title, stat FROM ticket ORDER BY id;
