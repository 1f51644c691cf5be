INSERT INTO author (id, email) VALUES (1, 'ann@example.com');
INSERT INTO publisher (id, name) VALUES (1, 'Ace');
INSERT INTO book (id, title, pages, author_id) VALUES (1, 'Dune', 412, 1), (2, 'Emma', NULL, NULL);
INSERT INTO edition (id, publisher_id) VALUES (1, 1);
