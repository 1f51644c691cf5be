UPDATE ticket SET state = 'in_progress' WHERE id = 1;
INSERT INTO ticket (id, title, state) VALUES (3, 'Slow', 'new');
SELECT id, title, state FROM ticket ORDER BY state, id;
