SELECT id, title, priority FROM ticket ORDER BY id;
