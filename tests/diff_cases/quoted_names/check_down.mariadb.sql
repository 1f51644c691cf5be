SELECT id, `group`, `Display Name` FROM `user` ORDER BY id;
