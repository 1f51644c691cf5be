-- tickets becomes ticket and its title is widened in the same migration: SQLite renames in
-- place (rewriting comment's foreign key) and then rebuilds the table under its new name.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(200) NOT NULL
);
CREATE INDEX ix_tickets_title ON ticket (title);
CREATE TABLE comment (
    id integer PRIMARY KEY,
    ticket_id integer NOT NULL,
    CONSTRAINT fk_comment_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
);
