ALTER TABLE tickets RENAME TO ticket;

ALTER TABLE comment DROP CONSTRAINT fk_comment_ticket;

ALTER TABLE ticket DROP CONSTRAINT tickets_pkey;

ALTER TABLE ticket ALTER COLUMN title TYPE varchar(200);

ALTER TABLE ticket ADD CONSTRAINT ticket_pkey PRIMARY KEY (id);

ALTER TABLE comment ADD CONSTRAINT fk_comment_ticket FOREIGN KEY(ticket_id) REFERENCES ticket (id);
