-- Ben no longer cares who reported a ticket, and ties tickets to a new Product table. The
-- foreign key is nullable: the existing tickets have no product yet.
CREATE TABLE product (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL
);
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    owner varchar(254) NOT NULL,
    status integer NOT NULL,
    description text NOT NULL,
    product_id integer,
    CONSTRAINT fk_ticket_product FOREIGN KEY (product_id) REFERENCES product (id)
);
