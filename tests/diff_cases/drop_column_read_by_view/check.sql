SELECT id, title FROM ticket_list ORDER BY id;
