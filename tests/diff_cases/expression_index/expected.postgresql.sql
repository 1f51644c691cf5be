CREATE INDEX ix_ticket_stat_owner ON ticket (stat, (COALESCE(owner, ''::character varying)));

CREATE UNIQUE INDEX ux_ticket_lower_title ON ticket ((lower(title::text)));
