ALTER TABLE item RENAME COLUMN price TO unit_price;

ALTER TABLE item MODIFY COLUMN unit_price numeric(10,2);
