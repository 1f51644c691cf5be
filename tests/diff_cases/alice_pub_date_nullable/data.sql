INSERT INTO entry (id, title, body) VALUES (1, 'Hello', 'First post');
INSERT INTO entry (id, title, body) VALUES (2, 'Again', 'Second post');
