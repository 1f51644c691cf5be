INSERT INTO tickets (id, title) VALUES (1, 'Crash'), (2, 'Typo');
INSERT INTO comment (id, ticket_id) VALUES (1, 1), (2, 1), (3, 2);
