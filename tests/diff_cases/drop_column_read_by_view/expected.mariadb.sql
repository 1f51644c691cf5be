DROP VIEW ticket_list;

-- drops column ticket.legacy_code and its data
ALTER TABLE ticket DROP COLUMN legacy_code;

CREATE VIEW ticket_list AS select `ticket`.`id` AS `id`,`ticket`.`title` AS `title` from `ticket`;
