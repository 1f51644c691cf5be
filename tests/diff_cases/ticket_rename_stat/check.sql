SELECT id, reporter, status, description FROM ticket ORDER BY id;
