SELECT id, qty FROM part ORDER BY id;
