CREATE INDEX ix_ticket_open ON ticket (owner) WHERE stat > 0;

CREATE UNIQUE INDEX ux_ticket_open_title ON ticket (title) WHERE stat <> 0;
