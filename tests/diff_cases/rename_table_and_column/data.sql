INSERT INTO tickets (id, title, stat) VALUES (1, 'Crash', 2), (2, 'Typo', 0);
INSERT INTO comment (id, ticket_id, body) VALUES (1, 1, 'Seen it too'), (2, 1, 'Fixed?');
