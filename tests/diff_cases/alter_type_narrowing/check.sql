SELECT id, code FROM part ORDER BY id;
