INSERT INTO tickets (id, title, stat) VALUES (1, 'Crash on save', 1), (2, 'Typo', 0);
