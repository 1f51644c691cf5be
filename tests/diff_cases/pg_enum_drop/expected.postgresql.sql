-- drops column ticket.state and its data
ALTER TABLE ticket DROP COLUMN state;

DROP TYPE ticket_state;
