CREATE TABLE tickets (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE VIEW ticket_titles AS SELECT id, title FROM tickets;
