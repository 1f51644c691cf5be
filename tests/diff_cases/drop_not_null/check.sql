INSERT INTO ticket (id, title) VALUES (3, 'Unassigned');
SELECT id, title, owner FROM ticket ORDER BY id;
