DROP INDEX ix_ticket_open;

DROP INDEX ux_ticket_lower_title;
