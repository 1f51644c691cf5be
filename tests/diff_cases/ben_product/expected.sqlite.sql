CREATE TABLE product (
    id integer NOT NULL,
    name varchar(100) NOT NULL,
    PRIMARY KEY (id)
);

-- drops column ticket.reporter and its data
CREATE TABLE migrata_tmp_ticket (
    id integer NOT NULL,
    owner varchar(254) NOT NULL,
    status integer NOT NULL,
    description text NOT NULL,
    product_id integer,
    PRIMARY KEY (id),
    CONSTRAINT fk_ticket_product FOREIGN KEY(product_id) REFERENCES product (id)
);

INSERT INTO migrata_tmp_ticket (id, owner, status, description) SELECT id, owner, status, description FROM ticket;

DROP TABLE ticket;

ALTER TABLE migrata_tmp_ticket RENAME TO ticket;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('ticket'));

DROP TABLE migrata_tmp_foreign_key_check;
