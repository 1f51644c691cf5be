DROP VIEW open_count;

DROP VIEW open_ticket;

ALTER TABLE ticket MODIFY COLUMN title varchar(200) NOT NULL;

CREATE VIEW open_ticket AS select `ticket`.`id` AS `id`,`ticket`.`title` AS `title` from `ticket` where `ticket`.`stat` > 0;

CREATE VIEW open_count AS select count(0) AS `n` from `open_ticket`;
