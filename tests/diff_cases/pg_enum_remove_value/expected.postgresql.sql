ALTER TYPE ticket_state RENAME TO migrata_tmp_ticket_state;

CREATE TYPE ticket_state AS ENUM ('open', 'closed');

ALTER TABLE ticket ALTER COLUMN state DROP DEFAULT;

ALTER TABLE ticket ALTER COLUMN state TYPE ticket_state USING state::text::ticket_state;

ALTER TABLE ticket ALTER COLUMN state SET DEFAULT 'open'::ticket_state;

ALTER TABLE ticket_history ALTER COLUMN state TYPE ticket_state USING state::text::ticket_state;

DROP TYPE migrata_tmp_ticket_state;
