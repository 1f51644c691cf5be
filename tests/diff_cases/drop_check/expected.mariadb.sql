ALTER TABLE product DROP CONSTRAINT ck_product_discount;
