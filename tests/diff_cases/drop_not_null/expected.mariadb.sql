ALTER TABLE ticket MODIFY COLUMN owner varchar(100);
