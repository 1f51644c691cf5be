SELECT id, title, owner FROM ticket ORDER BY id;
