ALTER TABLE tickets RENAME TO ticket;

DROP VIEW ticket_titles;

CREATE VIEW ticket_titles AS select `ticket`.`id` AS `id`,`ticket`.`title` AS `title` from `ticket`;
