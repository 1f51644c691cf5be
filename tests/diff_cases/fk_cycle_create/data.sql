INSERT INTO company (id, name) VALUES (1, 'Acme');
