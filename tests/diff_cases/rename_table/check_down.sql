SELECT id, title, stat FROM tickets ORDER BY id;
