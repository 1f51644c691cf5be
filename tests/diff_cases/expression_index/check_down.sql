SELECT id, title, owner, stat FROM ticket ORDER BY id;
