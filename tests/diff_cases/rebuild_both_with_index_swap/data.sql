INSERT INTO author (id, name, born) VALUES (1, 'Ann', 1920), (2, 'Ben', NULL), (5, 'Cy', 1775);
INSERT INTO book (id, title) VALUES (1, 'Dune'), (2, 'Emma');
