ALTER TABLE product DROP CONSTRAINT ck_product_price;

ALTER TABLE product ADD CONSTRAINT ck_product_price CHECK (price > 0::numeric AND price < 10000::numeric);
