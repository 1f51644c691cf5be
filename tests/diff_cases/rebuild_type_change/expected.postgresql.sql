ALTER TABLE item ALTER COLUMN price TYPE numeric(10,2) USING price::numeric;
