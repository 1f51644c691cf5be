PRAGMA foreign_keys = ON;
DELETE FROM project WHERE id = 2;
SELECT id, project_id, title FROM task ORDER BY id;
