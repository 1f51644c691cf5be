DROP VIEW open_ticket;

ALTER TYPE ticket_state RENAME TO migrata_tmp_ticket_state;

CREATE TYPE ticket_state AS ENUM ('open', 'closed');

ALTER TABLE ticket ALTER COLUMN state TYPE ticket_state USING state::text::ticket_state;

DROP TYPE migrata_tmp_ticket_state;

CREATE VIEW open_ticket AS SELECT ticket.id, ticket.state FROM ticket WHERE ticket.state = 'open'::ticket_state;
