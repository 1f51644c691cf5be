INSERT INTO project (id, name) VALUES (1, 'Docs'), (2, 'Site');
INSERT INTO task (id, project_id, due) VALUES (1, 1, '2024-05-01'), (2, 2, NULL);
