SELECT id, title, stat FROM open_ticket ORDER BY id;
SELECT id, title, stat FROM ticket ORDER BY id;
