SELECT id, state FROM open_ticket ORDER BY id;
