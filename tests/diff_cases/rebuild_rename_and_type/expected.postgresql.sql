ALTER TABLE item RENAME COLUMN price TO unit_price;

ALTER TABLE item ALTER COLUMN unit_price TYPE numeric(10,2) USING unit_price::numeric;
