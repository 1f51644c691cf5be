CREATE INDEX ix_ticket_stat_owner ON ticket (stat, (coalesce(owner, '')));

CREATE UNIQUE INDEX ux_ticket_lower_title ON ticket ((lower(title)));
