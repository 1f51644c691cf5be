SELECT t.id, t.title, count(c.id) FROM tickets t JOIN comment c ON c.ticket_id = t.id GROUP BY t.id, t.title ORDER BY t.id;
