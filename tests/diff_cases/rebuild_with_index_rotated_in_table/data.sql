INSERT INTO book (id, title, isbn, pages) VALUES (1, 'Dune', '9780441013593', 412), (2, 'Emma', '9780141439587', NULL);
