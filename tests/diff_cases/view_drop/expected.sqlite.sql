DROP VIEW open_count;

DROP VIEW open_ticket;
