INSERT INTO ticket (id, title, stat) VALUES (1, 'Crash', 1), (2, 'Typo', 0), (3, 'Slow', 2);
