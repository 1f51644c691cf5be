UPDATE ticket SET priority = 3 WHERE priority IS NULL;

ALTER TABLE ticket ALTER COLUMN priority SET NOT NULL;
