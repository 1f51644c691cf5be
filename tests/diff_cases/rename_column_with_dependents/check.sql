SELECT id, title, status FROM open_ticket ORDER BY id;
SELECT id, title, status FROM ticket ORDER BY id;
