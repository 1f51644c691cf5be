-- Two values added in place: one before the first, one in the middle. PostgreSQL cannot take
-- a value out again, so this migration has no down.
CREATE TYPE ticket_state AS ENUM ('new', 'open', 'in_progress', 'closed');
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    state ticket_state NOT NULL DEFAULT 'open'
);
