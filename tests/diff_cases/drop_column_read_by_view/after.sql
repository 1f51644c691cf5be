-- legacy_code goes, and the view that read it no longer does: the view is dropped before the
-- column (PostgreSQL refuses to drop a column a view reads) and created again after.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE VIEW ticket_list AS SELECT id, title FROM ticket;
