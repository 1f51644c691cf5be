ALTER TABLE item MODIFY COLUMN price numeric(10,2);
