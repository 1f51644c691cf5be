INSERT INTO ticket (id, title, priority) VALUES (1, 'Crash', 1), (2, 'Typo', NULL), (3, 'Slow', 2);
