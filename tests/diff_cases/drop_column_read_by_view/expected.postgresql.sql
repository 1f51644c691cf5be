DROP VIEW ticket_list;

-- drops column ticket.legacy_code and its data
ALTER TABLE ticket DROP COLUMN legacy_code;

CREATE VIEW ticket_list AS SELECT ticket.id, ticket.title FROM ticket;
