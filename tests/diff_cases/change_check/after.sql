-- The check keeps its name but gets stricter: it is dropped and added again.
CREATE TABLE product (
    id integer PRIMARY KEY,
    price numeric(10,2) NOT NULL,
    CONSTRAINT ck_product_price CHECK (price > 0 AND price < 10000)
);
