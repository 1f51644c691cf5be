ALTER TABLE invoice DROP FOREIGN KEY fk_invoice_account;

ALTER TABLE account MODIFY COLUMN id bigint NOT NULL;

ALTER TABLE invoice MODIFY COLUMN account_id bigint NOT NULL;

ALTER TABLE invoice ADD CONSTRAINT fk_invoice_account FOREIGN KEY(account_id) REFERENCES account (id);
