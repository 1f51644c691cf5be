INSERT INTO ticket (title) VALUES ('Slow');
SELECT id, title FROM ticket ORDER BY id;
