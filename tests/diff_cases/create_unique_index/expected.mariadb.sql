ALTER TABLE ticket ADD CONSTRAINT ux_ticket_title_owner UNIQUE (title, owner);
