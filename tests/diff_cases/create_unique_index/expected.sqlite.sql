CREATE UNIQUE INDEX ux_ticket_title_owner ON ticket (title, owner);
