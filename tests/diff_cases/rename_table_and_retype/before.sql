CREATE TABLE tickets (
    id integer PRIMARY KEY,
    title varchar(30) NOT NULL
);
CREATE INDEX ix_tickets_title ON tickets (title);
CREATE TABLE comment (
    id integer PRIMARY KEY,
    ticket_id integer NOT NULL,
    CONSTRAINT fk_comment_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
);
