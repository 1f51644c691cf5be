CREATE TABLE product (
    id integer NOT NULL,
    name varchar(100) NOT NULL,
    PRIMARY KEY (id)
);

ALTER TABLE ticket ADD COLUMN product_id integer;

-- drops column ticket.reporter and its data
ALTER TABLE ticket DROP COLUMN reporter;

ALTER TABLE ticket ADD CONSTRAINT fk_ticket_product FOREIGN KEY(product_id) REFERENCES product (id);
