CREATE TABLE person (
    id integer PRIMARY KEY,
    email varchar(100) NOT NULL
);
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    owner_id integer,
    CONSTRAINT fk_ticket_owner FOREIGN KEY (owner_id) REFERENCES person (id) ON DELETE SET NULL
);
