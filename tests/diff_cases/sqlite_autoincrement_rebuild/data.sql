INSERT INTO ticket (id, title) VALUES (1, 'Crash'), (2, 'Typo'), (3, 'Gone');
DELETE FROM ticket WHERE id = 3;
