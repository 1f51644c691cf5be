CREATE SEQUENCE invoice_number INCREMENT BY 10 START WITH 1000;

ALTER TABLE invoice ADD COLUMN number integer DEFAULT nextval('invoice_number'::regclass) NOT NULL;
