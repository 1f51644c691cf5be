INSERT INTO project (id, name) VALUES (1, 'Apollo'), (2, 'Gemini');
INSERT INTO task (id, project_id, title) VALUES (1, 1, 'Launch'), (2, 1, 'Land'), (3, 2, 'Orbit');
