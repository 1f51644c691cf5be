ALTER TABLE ticket RENAME COLUMN stat TO status;
