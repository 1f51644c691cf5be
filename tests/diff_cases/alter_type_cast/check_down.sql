SELECT id, name, quantity FROM part ORDER BY id;
