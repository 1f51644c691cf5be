ALTER TABLE tickets RENAME TO ticket;

DROP VIEW ticket_titles;

CREATE VIEW ticket_titles AS select id, title from ticket;
