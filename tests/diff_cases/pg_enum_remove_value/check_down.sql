UPDATE ticket SET state = 'wontfix' WHERE id = 2;
SELECT id, title, state FROM ticket ORDER BY id;
SELECT ticket_id, state FROM ticket_history ORDER BY ticket_id, state;
