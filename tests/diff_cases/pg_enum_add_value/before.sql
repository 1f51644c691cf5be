CREATE TYPE ticket_state AS ENUM ('open', 'closed');
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    state ticket_state NOT NULL DEFAULT 'open'
);
