INSERT INTO `user` (id, `group`, `Display Name`) VALUES (1, 'admin', 'Ada Lovelace'), (2, 'staff', NULL);
