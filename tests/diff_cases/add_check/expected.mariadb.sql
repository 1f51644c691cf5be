ALTER TABLE product ADD CONSTRAINT ck_product_discount CHECK (`discount` >= 0 and `discount` < 100);

ALTER TABLE product ADD CONSTRAINT ck_product_price CHECK (`price` >= 0);
