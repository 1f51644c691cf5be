CREATE VIEW open_ticket AS select id, title from ticket where stat > 0;

CREATE VIEW open_count AS select count(*) as n from open_ticket;
