SELECT id, title, stat FROM ticket ORDER BY id;
