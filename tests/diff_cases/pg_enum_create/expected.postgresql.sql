CREATE TYPE ticket_state AS ENUM ('open', 'closed');

ALTER TABLE ticket ADD COLUMN state ticket_state DEFAULT 'open' NOT NULL;
