ALTER TABLE part MODIFY COLUMN code varchar(5);
