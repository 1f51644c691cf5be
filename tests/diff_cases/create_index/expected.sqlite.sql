CREATE INDEX ix_ticket_owner ON ticket (owner);

CREATE INDEX ix_ticket_stat_owner ON ticket (stat, owner);
