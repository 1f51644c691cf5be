-- Both ends of a foreign key become bigint: the foreign key must be dropped around the change.
CREATE TABLE account (
    id bigint NOT NULL,
    name varchar(50) NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (id)
);
CREATE TABLE invoice (
    id integer PRIMARY KEY,
    account_id bigint NOT NULL,
    CONSTRAINT fk_invoice_account FOREIGN KEY (account_id) REFERENCES account (id)
);
