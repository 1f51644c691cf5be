INSERT INTO author (id, email) VALUES (1, 'ann@example.com');
INSERT INTO book (id, title, isbn, author_id) VALUES (1, 'Dune', '9780441013593', 1), (2, 'Emma', '9780141439587', NULL);
