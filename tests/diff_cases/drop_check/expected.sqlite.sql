CREATE TABLE migrata_tmp_product (
    id integer NOT NULL,
    name varchar(50) NOT NULL,
    price numeric(10,2) NOT NULL,
    discount integer DEFAULT 0 NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_product_price CHECK (price >= 0)
);

INSERT INTO migrata_tmp_product (id, name, price, discount) SELECT id, name, price, discount FROM product;

DROP TABLE product;

ALTER TABLE migrata_tmp_product RENAME TO product;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('product'));

DROP TABLE migrata_tmp_foreign_key_check;
