SELECT id, title FROM task ORDER BY id;
