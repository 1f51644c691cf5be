SELECT t.id, p.name, t.due FROM task t JOIN project p ON p.id = t.project_id ORDER BY t.id;
