INSERT INTO entry (id, title) VALUES (1, 'Hello'), (2, 'Again');
