-- A standalone sequence, and a new column that draws its default from it: the sequence
-- must exist before the column is added.
CREATE SEQUENCE invoice_number START WITH 1000 INCREMENT BY 10;
CREATE TABLE invoice (
    id integer PRIMARY KEY,
    customer varchar(50) NOT NULL,
    number integer NOT NULL DEFAULT nextval('invoice_number')
);
