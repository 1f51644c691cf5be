INSERT INTO project (id, name) VALUES (1, 'Apollo');
INSERT INTO task (id, title) VALUES (1, 'Launch'), (2, 'Land');
