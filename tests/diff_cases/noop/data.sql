INSERT INTO entry (id, title, body) VALUES (1, 'Hello', 'First post');
