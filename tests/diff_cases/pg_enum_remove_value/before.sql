CREATE TYPE ticket_state AS ENUM ('open', 'wontfix', 'closed');
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    state ticket_state NOT NULL DEFAULT 'open'
);
CREATE TABLE ticket_history (
    ticket_id integer NOT NULL,
    state ticket_state
);
