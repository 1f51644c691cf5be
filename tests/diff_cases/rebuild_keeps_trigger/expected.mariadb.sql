ALTER TABLE stock MODIFY COLUMN qty integer;
