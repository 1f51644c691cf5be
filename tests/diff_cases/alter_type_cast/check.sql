SELECT id, name, quantity + 1 FROM part ORDER BY id;
