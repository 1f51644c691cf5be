INSERT INTO ticket (id, title, state) VALUES (1, 'Crash', 'open'), (2, 'Typo', 'closed');
