-- tickets becomes ticket and its stat becomes status, in one migration; the index, the check
-- and comment's foreign key follow both renames.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    status integer NOT NULL DEFAULT 0,
    CONSTRAINT ck_tickets_stat CHECK (status >= 0)
);
CREATE INDEX ix_tickets_stat ON ticket (status);
CREATE TABLE comment (
    id integer PRIMARY KEY,
    ticket_id integer NOT NULL,
    body text NOT NULL,
    CONSTRAINT fk_comment_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
);
