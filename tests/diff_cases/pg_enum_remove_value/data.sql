INSERT INTO ticket (id, title, state) VALUES (1, 'Crash', 'open'), (2, 'Typo', 'closed');
INSERT INTO ticket_history (ticket_id, state) VALUES (1, 'open'), (2, 'open'), (2, 'closed'), (2, NULL);
