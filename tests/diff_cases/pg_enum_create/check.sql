UPDATE ticket SET state = 'closed' WHERE id = 2;
SELECT id, title, state FROM ticket ORDER BY id;
