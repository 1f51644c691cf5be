DROP VIEW open_count;

DROP VIEW open_ticket;

CREATE VIEW open_ticket AS select `ticket`.`id` AS `id`,`ticket`.`title` AS `title`,`ticket`.`stat` AS `stat` from `ticket` where `ticket`.`stat` >= 2;

CREATE VIEW open_count AS select count(0) AS `n` from `open_ticket`;
