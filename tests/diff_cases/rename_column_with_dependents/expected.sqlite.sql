ALTER TABLE ticket RENAME COLUMN stat TO status;

DROP VIEW open_ticket;

CREATE VIEW open_ticket AS select id, title, status from ticket where status > 0;
