PRAGMA foreign_keys = ON;
UPDATE task SET project_id = 1 WHERE id = 2;
SELECT t.id, t.title, p.name FROM task t LEFT JOIN project p ON p.id = t.project_id ORDER BY t.id;
DELETE FROM project WHERE id = 1;
SELECT id, title, project_id FROM task ORDER BY id;
