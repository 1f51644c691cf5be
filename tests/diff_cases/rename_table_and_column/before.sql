CREATE TABLE tickets (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat integer NOT NULL DEFAULT 0,
    CONSTRAINT ck_tickets_stat CHECK (stat >= 0)
);
CREATE INDEX ix_tickets_stat ON tickets (stat);
CREATE TABLE comment (
    id integer PRIMARY KEY,
    ticket_id integer NOT NULL,
    body text NOT NULL,
    CONSTRAINT fk_comment_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
);
