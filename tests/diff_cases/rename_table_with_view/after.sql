-- tickets becomes ticket under a view: the view is created again over the new name (MariaDB
-- does not rewrite a view when a table it reads is renamed).
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE VIEW ticket_titles AS SELECT id, title FROM ticket;
