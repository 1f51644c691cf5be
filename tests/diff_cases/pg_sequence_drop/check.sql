SELECT nextval('ticket_number');
