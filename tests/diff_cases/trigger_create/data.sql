INSERT INTO ticket (id, title) VALUES (1, 'Crash');
