DROP INDEX ix_ticket_stat_owner;
