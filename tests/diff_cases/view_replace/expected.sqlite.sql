DROP VIEW open_count;

DROP VIEW open_ticket;

CREATE VIEW open_ticket AS select id, title, stat from ticket where stat >= 2;

CREATE VIEW open_count AS select count(*) as n from open_ticket;
