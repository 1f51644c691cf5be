SELECT id, customer FROM invoice ORDER BY id;
