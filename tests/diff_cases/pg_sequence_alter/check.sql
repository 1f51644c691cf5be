SELECT nextval('ticket_number'), nextval('ticket_number');
