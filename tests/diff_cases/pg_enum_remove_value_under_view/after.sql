-- As pg_enum_remove_value, but a view reads the converted column: PostgreSQL cannot change
-- the type of a column a view uses, so the view must go before and come back after.
CREATE TYPE ticket_state AS ENUM ('open', 'closed');
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    state ticket_state NOT NULL
);
CREATE VIEW open_ticket AS SELECT id, state FROM ticket WHERE state = 'open';
