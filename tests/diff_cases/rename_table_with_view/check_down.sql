SELECT id, title FROM ticket_titles ORDER BY id;
