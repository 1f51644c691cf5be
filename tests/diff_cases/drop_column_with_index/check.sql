SELECT id, title FROM ticket ORDER BY id;
