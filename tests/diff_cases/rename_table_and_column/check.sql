SELECT t.id, t.title, t.status, count(c.id) FROM ticket t LEFT JOIN comment c ON c.ticket_id = t.id GROUP BY t.id, t.title, t.status ORDER BY t.id;
