SELECT id, "role", "Display Name", "order" FROM "user" ORDER BY id;
