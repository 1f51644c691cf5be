UPDATE item SET note = 'n/a' WHERE note IS NULL;

ALTER TABLE item MODIFY COLUMN note varchar(100) NOT NULL;
