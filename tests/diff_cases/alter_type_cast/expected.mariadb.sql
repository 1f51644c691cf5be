ALTER TABLE part MODIFY COLUMN quantity integer;
