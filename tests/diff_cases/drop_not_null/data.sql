INSERT INTO ticket (id, title, owner) VALUES (1, 'Crash', 'ann'), (2, 'Typo', 'bob');
