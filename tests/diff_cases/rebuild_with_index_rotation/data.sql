INSERT INTO author (id, name) VALUES (1, 'Ann'), (2, 'Ben');
INSERT INTO book (id, title, pages) VALUES (1, 'Dune', 412), (2, 'Emma', NULL), (9, 'Ulysses', 730);
