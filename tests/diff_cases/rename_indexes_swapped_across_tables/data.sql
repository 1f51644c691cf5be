INSERT INTO author (id, name) VALUES (1, 'Ann');
INSERT INTO book (id, title) VALUES (1, 'Dune');
