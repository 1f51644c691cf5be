INSERT INTO ticket (id, title, stat) VALUES (1, 'Crash', 'open'), (2, 'Typo', 'closed');
