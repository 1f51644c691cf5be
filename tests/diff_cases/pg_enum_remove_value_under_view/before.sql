CREATE TYPE ticket_state AS ENUM ('open', 'wontfix', 'closed');
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    state ticket_state NOT NULL
);
CREATE VIEW open_ticket AS SELECT id, state FROM ticket WHERE state = 'open';
