CREATE TABLE product (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    price numeric(10,2) NOT NULL,
    discount integer NOT NULL DEFAULT 0,
    CONSTRAINT ck_product_price CHECK (price >= 0),
    CONSTRAINT ck_product_discount CHECK (discount >= 0 AND discount < 100)
);
