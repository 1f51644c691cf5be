INSERT INTO ticket (id, title, owner, stat) VALUES (1, 'Crash', 'ann', 1), (2, 'Typo', NULL, 0), (3, 'Slow', 'ann', 2);
