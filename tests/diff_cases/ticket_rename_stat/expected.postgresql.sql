ALTER TABLE ticket RENAME COLUMN stat TO status;

ALTER TABLE ticket ADD COLUMN description text DEFAULT '' NOT NULL;

ALTER TABLE ticket ALTER COLUMN description DROP DEFAULT;

-- drops column ticket.owner and its data
ALTER TABLE ticket DROP COLUMN owner;
