INSERT INTO person (id, email) VALUES (1, 'ann@example.com'), (2, 'bob@example.com');
INSERT INTO ticket (id, owner_id) VALUES (1, 1), (2, 2), (3, NULL);
