DELETE FROM project WHERE id = 2;
SELECT t.id, p.name, t.title FROM task t JOIN project p ON p.id = t.project_id ORDER BY t.id;
SELECT count(*) FROM task;
