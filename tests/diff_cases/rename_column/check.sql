SELECT id, title, status FROM ticket ORDER BY id;
