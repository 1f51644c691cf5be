ALTER TABLE tickets RENAME TO ticket;

ALTER TABLE ticket MODIFY COLUMN title varchar(200) NOT NULL;
