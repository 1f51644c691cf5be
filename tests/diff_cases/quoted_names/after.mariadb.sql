-- `group` is renamed `role`, `Display Name` widened (SQLite: a rebuild), and a NOT NULL
-- `order` added with a one-off value.
CREATE TABLE `user` (
    id integer PRIMARY KEY,
    `role` varchar(20) NOT NULL,
    `Display Name` varchar(80),
    `order` integer NOT NULL
);
CREATE INDEX ix_user_group ON `user` (`role`);
