ALTER TABLE invoice DROP CONSTRAINT fk_invoice_account;

ALTER TABLE account ALTER COLUMN id TYPE bigint;

ALTER TABLE invoice ALTER COLUMN account_id TYPE bigint;

ALTER TABLE invoice ADD CONSTRAINT fk_invoice_account FOREIGN KEY(account_id) REFERENCES account (id);
