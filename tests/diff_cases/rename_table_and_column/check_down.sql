SELECT t.id, t.title, t.stat, count(c.id) FROM tickets t LEFT JOIN comment c ON c.ticket_id = t.id GROUP BY t.id, t.title, t.stat ORDER BY t.id;
