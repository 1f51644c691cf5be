ALTER TABLE ticket RENAME COLUMN stat TO status;

DROP VIEW open_ticket;

CREATE VIEW open_ticket AS select `ticket`.`id` AS `id`,`ticket`.`title` AS `title`,`ticket`.`status` AS `status` from `ticket` where `ticket`.`status` > 0;
