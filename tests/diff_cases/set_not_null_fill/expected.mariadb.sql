UPDATE ticket SET priority = 3 WHERE priority IS NULL;

ALTER TABLE ticket MODIFY COLUMN priority integer NOT NULL;
