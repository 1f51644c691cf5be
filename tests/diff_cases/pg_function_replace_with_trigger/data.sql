INSERT INTO ticket (id, title) VALUES (1, 'Crash'), (2, 'Typo');
