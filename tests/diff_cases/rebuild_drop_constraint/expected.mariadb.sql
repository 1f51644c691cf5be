ALTER TABLE item DROP INDEX uq_item_sku;

ALTER TABLE item DROP CONSTRAINT ck_item_sku;
