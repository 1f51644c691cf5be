INSERT INTO ticket (id, title, stat) VALUES (1, 'Crash', 1);
