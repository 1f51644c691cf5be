INSERT INTO ticket (id, title) VALUES (3, 'Slow');
SELECT id, title, state FROM ticket ORDER BY id;
SELECT ticket_id, state FROM ticket_history ORDER BY ticket_id, state;
