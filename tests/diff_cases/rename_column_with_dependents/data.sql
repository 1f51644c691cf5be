INSERT INTO ticket (id, title, stat) VALUES (1, 'Crash', 2), (2, 'Typo', 0);
