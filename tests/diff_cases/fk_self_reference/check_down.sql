SELECT id, name FROM category ORDER BY id;
