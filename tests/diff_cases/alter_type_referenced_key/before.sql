CREATE TABLE account (
    id integer NOT NULL,
    name varchar(50) NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (id)
);
CREATE TABLE invoice (
    id integer PRIMARY KEY,
    account_id integer NOT NULL,
    CONSTRAINT fk_invoice_account FOREIGN KEY (account_id) REFERENCES account (id)
);
